"""Invented words for the demo library, per language.

Topic, kind and audience lists are aligned by position across languages, so a resource's
title in another language is a translation of the same parts.
"""

TOPICS = {
    "en": [
        "gender-based violence",
        "fatherhood",
        "caregiving",
        "sexual and reproductive health",
        "HIV prevention",
        "masculinities",
        "youth leadership",
        "child marriage",
        "positive parenting",
        "gender equality in schools",
        "men's mental health",
        "consent and respect",
        "women's economic rights",
        "peacebuilding",
        "climate justice",
        "LGBTIQ inclusion",
        "sports coaching",
        "workplace harassment",
        "community mobilisation",
        "policy advocacy",
    ],
    "es": [
        "violencia basada en género",
        "paternidad",
        "cuidados",
        "salud sexual y reproductiva",
        "prevención del VIH",
        "masculinidades",
        "liderazgo juvenil",
        "matrimonio infantil",
        "crianza positiva",
        "igualdad de género en la escuela",
        "salud mental de los hombres",
        "consentimiento y respeto",
        "derechos económicos de las mujeres",
        "construcción de paz",
        "justicia climática",
        "inclusión LGBTIQ",
        "entrenamiento deportivo",
        "acoso laboral",
        "movilización comunitaria",
        "incidencia política",
    ],
    "fr": [
        "violences basées sur le genre",
        "paternité",
        "soins",
        "santé sexuelle et reproductive",
        "prévention du VIH",
        "masculinités",
        "leadership des jeunes",
        "mariage des enfants",
        "parentalité positive",
        "égalité de genre à l'école",
        "santé mentale des hommes",
        "consentement et respect",
        "droits économiques des femmes",
        "consolidation de la paix",
        "justice climatique",
        "inclusion LGBTIQ",
        "encadrement sportif",
        "harcèlement au travail",
        "mobilisation communautaire",
        "plaidoyer politique",
    ],
    "pt": [
        "violência baseada no gênero",
        "paternidade",
        "cuidados",
        "saúde sexual e reprodutiva",
        "prevenção do HIV",
        "masculinidades",
        "liderança juvenil",
        "casamento infantil",
        "parentalidade positiva",
        "igualdade de gênero na escola",
        "saúde mental dos homens",
        "consentimento e respeito",
        "direitos econômicos das mulheres",
        "construção da paz",
        "justiça climática",
        "inclusão LGBTIQ",
        "treino esportivo",
        "assédio no trabalho",
        "mobilização comunitária",
        "incidência política",
    ],
}

# The theme term code that fits each topic, by position.
TOPIC_THEMES = [
    "violence-prevention",
    "care-fatherhood",
    "care-fatherhood",
    "srhr",
    "hiv",
    "research",
    "education",
    "violence-prevention",
    "care-fatherhood",
    "education",
    "srhr",
    "violence-prevention",
    "economic-justice",
    "peace-security",
    "climate-justice",
    "lgbtiq-rights",
    "education",
    "economic-justice",
    "policy-advocacy",
    "policy-advocacy",
]

KIND_WORDS = {
    "en": {
        "toolkit": "A toolkit on",
        "training_manual": "Training manual on",
        "report": "Report on",
        "research_article": "A study of",
        "policy_brief": "Policy brief on",
        "curriculum": "A curriculum on",
        "video": "Video on",
        "infographic": "Infographic on",
    },
    "es": {
        "toolkit": "Caja de herramientas sobre",
        "training_manual": "Manual de formación sobre",
        "report": "Informe sobre",
        "research_article": "Un estudio sobre",
        "policy_brief": "Nota de política sobre",
        "curriculum": "Currículo sobre",
        "video": "Video sobre",
        "infographic": "Infografía sobre",
    },
    "fr": {
        "toolkit": "Boîte à outils sur",
        "training_manual": "Manuel de formation sur",
        "report": "Rapport sur",
        "research_article": "Une étude sur",
        "policy_brief": "Note politique sur",
        "curriculum": "Programme sur",
        "video": "Vidéo sur",
        "infographic": "Infographie sur",
    },
    "pt": {
        "toolkit": "Kit de ferramentas sobre",
        "training_manual": "Manual de formação sobre",
        "report": "Relatório sobre",
        "research_article": "Um estudo sobre",
        "policy_brief": "Nota de política sobre",
        "curriculum": "Currículo sobre",
        "video": "Vídeo sobre",
        "infographic": "Infográfico sobre",
    },
}

AUDIENCES = {
    "en": [
        "for community workers",
        "for teachers",
        "for health workers",
        "for young men",
        "for fathers",
        "for faith leaders",
        "for policy makers",
        "for journalists",
        "for sports coaches",
        "for trainers",
    ],
    "es": [
        "para agentes comunitarios",
        "para docentes",
        "para personal de salud",
        "para hombres jóvenes",
        "para padres",
        "para líderes religiosos",
        "para responsables políticos",
        "para periodistas",
        "para entrenadores deportivos",
        "para formadores",
    ],
    "fr": [
        "pour les agents communautaires",
        "pour les enseignants",
        "pour le personnel de santé",
        "pour les jeunes hommes",
        "pour les pères",
        "pour les responsables religieux",
        "pour les décideurs",
        "pour les journalistes",
        "pour les entraîneurs sportifs",
        "pour les formateurs",
    ],
    "pt": [
        "para agentes comunitários",
        "para professores",
        "para profissionais de saúde",
        "para homens jovens",
        "para pais",
        "para líderes religiosos",
        "para decisores políticos",
        "para jornalistas",
        "para treinadores esportivos",
        "para formadores",
    ],
}

SUMMARY = {
    "en": (
        "{kind} {topic} {audience}, drawing on work in {country}. "
        "It offers practical steps, group exercises and examples from the MenEngage Alliance."
    ),
    "es": (
        "{kind} {topic} {audience}, a partir del trabajo en {country}. "
        "Ofrece pasos prácticos, ejercicios grupales y ejemplos de la Alianza MenEngage."
    ),
    "fr": (
        "{kind} {topic} {audience}, fondé sur le travail mené en {country}. "
        "Il propose des étapes pratiques, des exercices de groupe et des exemples de "
        "l'Alliance MenEngage."
    ),
    "pt": (
        "{kind} {topic} {audience}, com base no trabalho em {country}. "
        "Oferece passos práticos, exercícios de grupo e exemplos da Aliança MenEngage."
    ),
}

# Words for the body text, common ones repeated so that word frequencies are uneven,
# as in real writing.
BODY = {
    "en": (
        "gender equality men boys women girls community violence prevention care fathers "
        "health rights participants facilitator session group discussion programme evaluation "
        "training school youth power norms change attitudes behaviour respect consent family "
        "household work policy government advocacy network partners evidence research data "
        "survey interview findings recommendations practice approach method module activity "
        "exercise reflection dialogue leadership accountability campaign media sport religion "
        "culture tradition support services referral safety trust relationship parenting "
        "children adolescents caregiving mental wellbeing stigma discrimination inclusion "
        "gender gender men men community the the the and and and of of of to to in in"
    ),
    "es": (
        "igualdad género hombres niños mujeres niñas comunidad violencia prevención cuidado "
        "padres salud derechos participantes facilitador sesión grupo discusión programa "
        "evaluación formación escuela juventud poder normas cambio actitudes comportamiento "
        "respeto consentimiento familia hogar trabajo política gobierno incidencia red socios "
        "evidencia investigación datos encuesta entrevista hallazgos recomendaciones práctica "
        "enfoque método módulo actividad ejercicio reflexión diálogo liderazgo rendición "
        "campaña medios deporte religión cultura tradición apoyo servicios seguridad confianza "
        "relación crianza adolescentes bienestar estigma discriminación inclusión "
        "género género hombres hombres comunidad la la el el de de de y y en en que"
    ),
    "fr": (
        "égalité genre hommes garçons femmes filles communauté violence prévention soin pères "
        "santé droits participants animateur séance groupe discussion programme évaluation "
        "formation école jeunesse pouvoir normes changement attitudes comportement respect "
        "consentement famille ménage travail politique gouvernement plaidoyer réseau "
        "partenaires preuves recherche données enquête entretien résultats recommandations "
        "pratique approche méthode module activité exercice réflexion dialogue leadership "
        "redevabilité campagne médias sport religion culture tradition soutien services "
        "sécurité confiance relation parentalité adolescents bien-être stigmatisation "
        "discrimination inclusion genre genre hommes hommes communauté la la le le de de de "
        "et et les les des"
    ),
    "pt": (
        "igualdade gênero homens meninos mulheres meninas comunidade violência prevenção "
        "cuidado pais saúde direitos participantes facilitador sessão grupo discussão programa "
        "avaliação formação escola juventude poder normas mudança atitudes comportamento "
        "respeito consentimento família casa trabalho política governo incidência rede "
        "parceiros evidências pesquisa dados inquérito entrevista resultados recomendações "
        "prática abordagem método módulo atividade exercício reflexão diálogo liderança "
        "responsabilização campanha mídia esporte religião cultura tradição apoio serviços "
        "segurança confiança relação parentalidade adolescentes bem-estar estigma "
        "discriminação inclusão gênero gênero homens homens comunidade a a o o de de de e e "
        "da do em"
    ),
}

# Every body mentions the Alliance: the most common term of the whole corpus, in every
# language, which the benchmark searches for.
BOILERPLATE = {
    "en": "This resource was shared through the MenEngage Alliance library.",
    "es": "Este recurso se compartió a través de la biblioteca de la Alianza MenEngage.",
    "fr": "Cette ressource a été partagée par la bibliothèque de l'Alliance MenEngage.",
    "pt": "Este recurso foi partilhado pela biblioteca da Aliança MenEngage.",
}

FIRST_NAMES = [
    "Ana",
    "Bongani",
    "Carlos",
    "Chidi",
    "Dana",
    "Esther",
    "Fatima",
    "Gabriel",
    "Hana",
    "Ibrahim",
    "Jamal",
    "Kofi",
    "Lina",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sara",
    "Tomas",
    "Uche",
    "Valeria",
    "Wen",
    "Xavier",
    "Yara",
    "Zanele",
    "Amir",
    "Bruna",
    "Chen",
    "Diego",
]
LAST_NAMES = [
    "Abara",
    "Banda",
    "Castillo",
    "Dlamini",
    "Espinoza",
    "Fofana",
    "Gomes",
    "Haddad",
    "Ishikawa",
    "Juarez",
    "Kamau",
    "Lungu",
    "Mendes",
    "Ndlovu",
    "Okonkwo",
    "Pereira",
    "Quispe",
    "Rahman",
    "Sithole",
    "Tembo",
    "Umeh",
    "Vargas",
    "Wanjiku",
    "Xulu",
    "Yilmaz",
    "Zulu",
    "Achieng",
    "Barros",
    "Cissé",
    "Diallo",
    "Eze",
    "Ferreira",
    "Guerrero",
    "Hakizimana",
    "Ibarra",
    "Jalloh",
    "Kariuki",
    "Lopes",
    "Mwangi",
    "Nkemelu",
    "Ochieng",
    "Pinto",
    "Quintero",
    "Rojas",
    "Sangare",
    "Traore",
    "Uwimana",
    "Vieira",
    "Waweru",
    "Yeboah",
    "Zapata",
    "Acheampong",
    "Bakari",
    "Correa",
    "Danso",
    "Echeverri",
    "Fonseca",
    "Gatabazi",
    "Huaman",
    "Ilunga",
    "Jimenez",
    "Kaboré",
    "Lema",
    "Moyo",
    "Nyirenda",
    "Obi",
    "Phiri",
    "Quaye",
    "Ramos",
    "Sesay",
    "Tshabalala",
    "Urrutia",
    "Villalobos",
    "Wekesa",
    "Yusuf",
    "Zamora",
    "Asante",
    "Bello",
    "Cardenas",
    "Dube",
    "Esposito",
    "Fall",
    "Gitau",
    "Hurtado",
    "Idowu",
    "Juma",
    "Keita",
    "Lucero",
    "Machado",
    "Njoroge",
    "Ouedraogo",
    "Pacheco",
    "Quarshie",
    "Rwema",
    "Salazar",
    "Toure",
    "Ugwu",
    "Valencia",
    "Wamalwa",
    "Yirga",
    "Zuniga",
    "Agyeman",
    "Borges",
    "Cuellar",
    "Dossou",
    "Ekwueme",
    "Figueroa",
]

OTHER_PUBLISHERS = [
    "University of the Southern Coast",
    "Institute for Gender and Health Studies",
    "Global Fund for Caring Communities",
    "Regional Centre for Youth Research",
    "Foundation for Equal Futures",
]
