from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in, identified by e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    pronouns = models.CharField(
        _("pronouns"), max_length=50, blank=True, help_text=_("Optional, in your own words.")
    )
    language = models.CharField(_("preferred language"), max_length=5, default="en")
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty unless the person chose to publish them: shown on the pages of the networks they
    # coordinate, never the sign-in address.
    # db_default: rows written by code that predates these columns (a migration's historical
    # models, an older release during a rolling upgrade) still save.
    public_email = models.EmailField(
        _("public e-mail address"),
        blank=True,
        db_default="",
        help_text=_(
            "Shown on the pages of the networks you coordinate. Leave empty to keep it private."
        ),
    )
    public_phone = models.CharField(
        _("public telephone"),
        max_length=40,
        blank=True,
        db_default="",
        help_text=_(
            "Shown on the pages of the networks you coordinate. Leave empty to keep it private."
        ),
    )

    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("secretariat staff"),
        default=False,
        help_text=_("Staff can sign in to the admin and edit content."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


class RoleAssignment(models.Model):
    """A role a person holds in one scope: a network, a governing body or the whole Alliance."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("member representative")
        COORDINATOR = "coordinator", _("network coordinator")
        BODY_MEMBER = "body_member", _("body member")
        FOCAL_POINT = "focal_point", _("accountability focal point")
        SECRETARIAT = "secretariat", _("secretariat staff")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # The scope is a network or a body; empty means Alliance-wide (the Secretariat).
    scope_type = models.ForeignKey(
        ContentType, verbose_name=_("scope type"), null=True, blank=True, on_delete=models.CASCADE
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "scope_type", "scope_id"],
                name="%(app_label)s_%(class)s_unique_role_per_scope",
            ),
            models.CheckConstraint(
                condition=models.Q(scope_type__isnull=True, scope_id__isnull=True)
                | models.Q(scope_type__isnull=False, scope_id__isnull=False),
                name="%(app_label)s_%(class)s_scope_complete",
            ),
        ]
        indexes = [models.Index(fields=["scope_type", "scope_id"], name="accounts_role_scope_idx")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class TwoFactorDevice(models.Model):
    """A person's authenticator app (TOTP), usable once they have confirmed a first code."""

    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="two_factor_device"
    )
    # The TOTP secret, Fernet-encrypted with TWO_FACTOR_KEYS (accounts.twofactor.device_secret).
    secret_encrypted = models.TextField(_("secret (encrypted)"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The time step of the last accepted code: a code is never accepted twice.
    last_step = models.BigIntegerField(_("last time step used"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self):
        return f"{self.user} · TOTP"


class RecoveryCode(models.Model):
    """A single-use code that stands in for the authenticator app; only its hash is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "code_hash"], name="%(app_label)s_%(class)s_unique_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} · {_('recovery code')}"
