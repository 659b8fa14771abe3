# ruff: noqa: E501 - prose, one paragraph a line
"""The Accountability Framework documents of the demo alliance, in words written for it."""

import datetime

CORE_PRINCIPLES_V1 = """1. Gender justice. We work with men and boys to end the inequality that harms women, girls and people of every gender.

2. Accountability to women's rights movements. We act as allies, consult women's rights organisations before new programmes, and listen when they question us.

3. Non-violence. We reject violence in every form, at home, in the community and in institutions.

4. Diversity. We welcome every sexual orientation and gender identity, and never ask anyone to fit a binary.

5. Evidence. We base our work on research and evaluation, and share what we learn.

6. Transparency. We make public where our money comes from and how we spend it."""

CORE_PRINCIPLES_V2 = (
    CORE_PRINCIPLES_V1
    + """

7. Care. We promote men's equal share of care work, paid and unpaid, across the whole of life."""
)

CODE_OF_CONDUCT_V1 = """Members and their staff treat everyone with respect; never exploit or abuse anyone, above all children and people who depend on them; declare conflicts of interest; protect personal data; and report concerns about any member's conduct through the Alliance's concern mechanism.

Breaches of this Code can lead to the suspension or removal of a membership, after a fair hearing."""

STANDARDS_V1 = """Standard 1. Members publish their sources of funding and their annual budget.

Standard 2. Decisions are taken by consensus whenever possible, and recorded.

Standard 3. Every steering committee seats at least two women's rights organisations.

Standard 4. New programmes are designed after consulting women's rights organisations, and the consultation is recorded.

Standard 5. Anyone affected by a member's conduct can raise a concern, named or anonymously, and receives an answer."""

CORE_PRINCIPLES_V1_ES = """1. Justicia de género. Trabajamos con hombres y niños para acabar con la desigualdad que daña a mujeres, niñas y personas de todos los géneros.

2. Rendición de cuentas ante los movimientos de mujeres. Actuamos como aliados, consultamos a las organizaciones de derechos de las mujeres antes de cada nuevo programa y escuchamos cuando nos cuestionan.

3. No violencia. Rechazamos la violencia en todas sus formas, en el hogar, en la comunidad y en las instituciones.

4. Diversidad. Acogemos toda orientación sexual e identidad de género, y nunca pedimos a nadie que encaje en un binario.

5. Evidencia. Basamos nuestro trabajo en la investigación y la evaluación, y compartimos lo que aprendemos.

6. Transparencia. Hacemos públicos el origen de nuestros fondos y cómo los gastamos."""

DOCUMENTS = [
    {
        "kind": "core-principles",
        "version": "1.0",
        "in_force_from": datetime.date(2019, 1, 1),
        "text": {"en": CORE_PRINCIPLES_V1, "es": CORE_PRINCIPLES_V1_ES},
    },
    {
        "kind": "core-principles",
        "version": "2.0",
        "in_force_from": datetime.date(2026, 10, 1),
        "grace_days": 120,
        "text": {"en": CORE_PRINCIPLES_V2},
        "summary": {
            "en": "Adds principle 7, on care.",
            "es": "Añade el principio 7, sobre el cuidado.",
        },
    },
    {
        "kind": "code-of-conduct",
        "version": "1.0",
        "in_force_from": datetime.date(2019, 1, 1),
        "text": {"en": CODE_OF_CONDUCT_V1},
    },
    {
        "kind": "accountability-standards",
        "version": "1.0",
        "in_force_from": datetime.date(2019, 1, 1),
        "text": {"en": STANDARDS_V1},
    },
]
