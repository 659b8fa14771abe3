"""Demo content for the public site, in the Alliance's four languages, written for this project.

Every language has the same keys. A story may be missing from a language on purpose: the site
then shows the original with a note, which the demo should show too.
"""

TEXT = {
    "en": {
        "home": {
            "title": "Men and boys for gender justice",
            "intro": (
                "The MenEngage Alliance brings together organisations in every region that work "
                "with men and boys to end violence, share care and stand with women's rights "
                "movements."
            ),
            "body": [
                ("heading", "What members do together"),
                (
                    "paragraph",
                    "<p>Members train facilitators, run campaigns with fathers and young men, "
                    "research what changes attitudes, and hold governments to the promises they "
                    "made at the United Nations. Country networks do this close to communities; "
                    "regional networks connect them; the global Alliance speaks with one voice.</p>",
                ),
            ],
        },
        "about": {
            "slug": "about",
            "title": "About the Alliance",
            "intro": "A network of networks, accountable to the women's rights movements it stands with.",
            "body": [
                ("heading", "Background"),
                (
                    "paragraph",
                    "<p>The Alliance began as a handful of organisations that wanted to stop working "
                    "alone. Each had learnt that programmes for men and boys only help when they "
                    "question power, not just behaviour. Today its members range from village "
                    "youth groups to university research centres and United Nations partners.</p>",
                ),
                ("heading", "History"),
                ("milestone", {"year": 2004, "text": "Founding organisations agree to work as one alliance."}),
                ("milestone", {"year": 2009, "text": "The first Global Symposium gathers about 450 people and ends with a call for action."}),
                ("milestone", {"year": 2014, "text": "The second Global Symposium brings some 1,200 people from 94 countries."}),
                ("milestone", {"year": 2020, "text": "The third Global Symposium moves online and reaches 5,000 participants."}),
                ("quote", {"text": "We did not come together to speak for women, but to change what men do.", "attribution": "A founding member"}),
            ],
        },
        "beliefs": {
            "slug": "what-we-believe",
            "title": "What we believe",
            "intro": "Gender equality is good for everyone, and men have work to do to get there.",
            "body": [
                (
                    "paragraph",
                    "<p>We believe that violence is learnt and can be unlearnt; that care work is "
                    "everyone's work; that rigid ideas of manhood harm men too; and that change "
                    "must be led with, and accountable to, women's rights and LGBTIQ movements.</p>",
                ),
                (
                    "paragraph",
                    "<p>We believe in evidence: we test what we do, publish what we learn and stop "
                    "what does not work.</p>",
                ),
            ],
        },
        "principles": {
            "slug": "core-principles",
            "title": "Core Principles",
            "intro": "Every member signs these principles when it joins, and again when they change.",
            "principles": [
                {"title": "Transparency", "text": "<p>We publish where our money comes from and how we spend it, every year.</p>", "in_practice": "Funders, budgets and spending are open data on this site."},
                {"title": "Collaboration", "text": "<p>We decide by consensus whenever we can.</p>", "in_practice": "Proposals are decided by agree, abstain, disagree or block, with a recorded fallback vote."},
                {"title": "Participation", "text": "<p>Community-level organisations have a voice in every decision.</p>", "in_practice": "Open calls and comment periods are open to every member."},
                {"title": "Evidence", "text": "<p>Our work builds on research and evaluation.</p>", "in_practice": "A searchable library of the members' toolkits, reports and manuals."},
                {"title": "Alliance with women's rights organisations", "text": "<p>We work as allies, not in place of women's movements.</p>", "in_practice": "Every steering body seats at least two women's rights organisations."},
                {"title": "Non-discrimination", "text": "<p>We welcome every gender identity and sexual orientation.</p>", "in_practice": "No form asks anyone to choose between two genders."},
            ],
        },
        "stories": {
            "slug": "stories",
            "title": "Stories",
            "intro": "Change as members and networks tell it.",
        },
        "story_list": [
            {
                "slug": "fathers-groups-in-the-highlands",
                "title": "Fathers' groups in the highlands",
                "date": "2026-06-14",
                "place": "Rwanda",
                "intro": "Twelve weeks of meetings changed who fetches water and who decides.",
                "body": [
                    ("paragraph", "<p>In a district where fathers rarely joined clinic visits, a member organisation started weekly groups. After three months, half of the fathers came to antenatal appointments.</p>"),
                    ("quote", {"text": "I thought care was my wife's job. Now I know my children.", "attribution": "A group participant"}),
                ],
            },
            {
                "slug": "a-school-curriculum-against-bullying",
                "title": "A school curriculum against bullying",
                "date": "2026-04-02",
                "place": "Chile",
                "intro": "Teachers and students wrote lessons on respect together.",
                "body": [
                    ("paragraph", "<p>Forty schools now teach a curriculum that a country network wrote with students. Reports of homophobic bullying fell in the first year.</p>"),
                ],
            },
            {
                "slug": "youth-voices-at-the-commission",
                "title": "Youth voices at the Commission on the Status of Women",
                "date": "2026-03-20",
                "place": "New York",
                "intro": "A delegation of young members spoke on care work and masculinities.",
                "body": [
                    ("paragraph", "<p>Young activists from four regions joined the Alliance's delegation and met government representatives to press for paid parental leave.</p>"),
                ],
            },
        ],
    },
}
