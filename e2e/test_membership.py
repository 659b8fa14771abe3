import quopri
import re

from playwright.sync_api import expect

COORDINATOR = ("coordinator.kenya@menengage.example", "menengage-demo")


def test_visitor_applies_in_spanish_and_a_coordinator_approves(server, browser, page, sign_in):
    page.goto(f"{server}/es/join/")
    page.get_by_label("una organización").check()
    page.get_by_label("País").select_option("KE")
    page.get_by_label("Su nombre").fill("Lucía Inventada")
    page.get_by_label("Su dirección de correo electrónico").fill("lucia@example.org")
    page.get_by_label("Nombre de la organización").fill("Red Inventada de Padres de Nairobi")
    page.get_by_label("Tipo de organización").select_option("ngo")
    page.get_by_label("¿Qué hacen?").fill("Grupos de padres jóvenes sobre cuidados.")
    page.locator("#id_endorse_principles").check()
    page.locator("#id_endorse_conduct").check()
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/es/join/sent/$"))

    message = quopri.decodestring(server.last_mail_to("lucia@example.org").encode()).decode()
    link = re.search(r"https?://[^/\s]+(/es/join/confirm/\S+/)", message).group(1)
    page.goto(f"{server}{link}")
    page.locator("main form button").click()
    expect(page.locator("main")).to_contain_text("confirmad")

    sign_in(page, COORDINATOR[0], COORDINATOR[1])
    page.goto(f"{server}/en/membership/review/")
    page.get_by_role("link", name="Red Inventada de Padres de Nairobi").click()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page).to_have_url(re.compile(r"/en/membership/review/$"))

    page.goto(f"{server}/en/members/?q=Inventada+de+Padres")
    expect(page.get_by_role("link", name="Red Inventada de Padres de Nairobi")).to_be_visible()

    # The new representative chooses a password from the welcome e-mail, in Spanish, and signs in.
    welcome = quopri.decodestring(server.last_mail_to("lucia@example.org").encode()).decode()
    link = re.search(r"https?://[^/\s]+(/es/accounts/password/set/\S+/)", welcome).group(1)
    newcomer = browser.new_context(locale="es-ES").new_page()
    newcomer.goto(f"{server}{link}")
    newcomer.locator("#id_new_password1").fill("una-contrasena-larga-42")
    newcomer.locator("#id_new_password2").fill("una-contrasena-larga-42")
    newcomer.locator("main form button").click()
    sign_in(newcomer, "lucia@example.org", "una-contrasena-larga-42")
    newcomer.goto(f"{server}/es/portal/")
    expect(newcomer.locator("main")).to_contain_text("Red Inventada de Padres de Nairobi")
