"""TOTP secrets encrypted at rest: each existing secret is sealed with TWO_FACTOR_KEYS (in
production set the keys before migrating; a development key is derived only in development)."""

from django.db import migrations, models


def seal_secrets(apps, schema_editor):
    from menengage.accounts.twofactor import secret_seal

    TwoFactorDevice = apps.get_model("accounts", "TwoFactorDevice")
    for device in TwoFactorDevice.objects.all():
        device.secret_encrypted = secret_seal(device.secret)
        device.save(update_fields=["secret_encrypted"])


def open_secrets(apps, schema_editor):
    from menengage.accounts.twofactor import device_secret

    TwoFactorDevice = apps.get_model("accounts", "TwoFactorDevice")
    for device in TwoFactorDevice.objects.all():
        device.secret = device_secret(device)
        device.save(update_fields=["secret"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_two_factor"),
    ]

    operations = [
        migrations.AddField(
            model_name="twofactordevice",
            name="secret_encrypted",
            field=models.TextField(default="", verbose_name="secret (encrypted)"),
            preserve_default=False,
        ),
        migrations.RunPython(seal_secrets, open_secrets),
        migrations.RemoveField(model_name="twofactordevice", name="secret"),
    ]
