"""Vocabulary of the synthetic offers that `generate_offers` writes (load tests, demos at volume).

Job families, missions and skills follow the RMFP domaines fonctionnels; departments carry their
real labels as the national portal writes them (« Gironde (33) »), with the prefecture's town.
"""

# RMFP code -> (job titles, mission bullets, expected skills).
FAMILIES = {
    "ACH": (
        [
            "Acheteur(se) public(que)",
            "Chargé(e) de la commande publique",
            "Juriste marchés publics",
            "Responsable du service des achats",
            "Gestionnaire des marchés publics",
        ],
        [
            "recenser et analyser les besoins des services prescripteurs",
            "rédiger les pièces des consultations (règlement, cahier des clauses particulières)",
            "conduire les procédures de mise en concurrence et analyser les offres",
            "négocier avec les fournisseurs dans le respect du code de la commande publique",
            "suivre l'exécution des marchés et mesurer les gains achats",
        ],
        [
            "connaissance du code de la commande publique",
            "techniques de négociation",
            "analyse financière des offres",
        ],
    ),
    "AGR": (
        [
            "Inspecteur(trice) en sécurité sanitaire des aliments",
            "Chargé(e) de mission politique agricole commune",
            "Technicien(ne) agricole",
            "Chargé(e) d'études économie agricole",
            "Instructeur(trice) des aides agricoles",
        ],
        [
            "instruire les dossiers d'aides de la politique agricole commune",
            "réaliser les contrôles sur place dans les exploitations",
            "accompagner les porteurs de projets agricoles du territoire",
            "suivre les indicateurs économiques des filières",
            "animer les réunions avec les organisations professionnelles",
        ],
        [
            "connaissance du monde agricole et de ses acteurs",
            "maîtrise de la réglementation européenne des aides",
            "capacité d'analyse de données technico-économiques",
        ],
    ),
    "AMT": (
        [
            "Chargé(e) de mission aménagement du territoire",
            "Instructeur(trice) des autorisations d'urbanisme",
            "Chef(fe) de projet politique de la ville",
            "Chargé(e) d'études habitat et logement",
            "Chargé(e) de mission transition écologique",
        ],
        [
            "accompagner les collectivités dans leurs projets d'aménagement",
            "instruire les demandes d'autorisation d'urbanisme",
            "piloter les contrats de territoire et en suivre la programmation",
            "produire des diagnostics territoriaux et des notes d'enjeux",
            "animer le réseau des partenaires locaux",
        ],
        [
            "connaissance du code de l'urbanisme",
            "maîtrise des outils de cartographie (SIG)",
            "conduite de projet partenarial",
        ],
    ),
    "ASP": (
        [
            "Conseiller(ère) d'éducation populaire et de jeunesse",
            "Chargé(e) de mission service civique",
            "Conseiller(ère) d'animation sportive",
            "Animateur(trice) jeunesse",
            "Chargé(e) de la vie associative",
        ],
        [
            "accompagner les associations de jeunesse et d'éducation populaire",
            "instruire les demandes de subventions et d'agréments",
            "développer l'engagement des jeunes (service civique, SNU)",
            "organiser des actions de formation des bénévoles",
            "contrôler les accueils collectifs de mineurs",
        ],
        [
            "connaissance du secteur associatif",
            "capacités d'animation de réseau",
            "pédagogie et sens de l'écoute",
        ],
    ),
    "BAT": (
        [
            "Conducteur(trice) d'opérations immobilières",
            "Technicien(ne) bâtiment",
            "Chargé(e) de maintenance des bâtiments",
            "Économiste de la construction",
            "Responsable du patrimoine immobilier",
        ],
        [
            "piloter les opérations de travaux, des études à la réception",
            "établir les programmes et estimer les coûts des opérations",
            "suivre les entreprises et les maîtres d'œuvre sur les chantiers",
            "planifier la maintenance préventive et corrective des bâtiments",
            "veiller au respect des normes de sécurité et d'accessibilité",
        ],
        [
            "connaissance des techniques du bâtiment",
            "maîtrise de la loi MOP et des marchés de travaux",
            "lecture de plans et logiciels de dessin",
        ],
    ),
    "COM": (
        [
            "Chargé(e) de communication",
            "Chargé(e) de communication numérique",
            "Rédacteur(trice) web",
            "Chargé(e) des relations presse",
            "Graphiste",
        ],
        [
            "concevoir et mettre en œuvre le plan de communication",
            "rédiger les contenus du site internet et des réseaux sociaux",
            "organiser les événements institutionnels",
            "préparer les dossiers et communiqués de presse",
            "animer la communication interne",
        ],
        [
            "excellentes qualités rédactionnelles",
            "maîtrise des outils de publication web et des réseaux sociaux",
            "culture de l'image et de la chaîne graphique",
        ],
    ),
    "CTL": (
        [
            "Auditeur(trice) interne",
            "Contrôleur(se) de gestion",
            "Chargé(e) de mission qualité",
            "Inspecteur(trice) chargé(e) des contrôles",
            "Chargé(e) d'évaluation des politiques publiques",
        ],
        [
            "conduire les missions d'audit interne et de contrôle",
            "construire et suivre les tableaux de bord de pilotage",
            "analyser les processus et proposer des plans d'amélioration",
            "rédiger les rapports et suivre la mise en œuvre des recommandations",
            "animer la démarche qualité et la maîtrise des risques",
        ],
        [
            "méthodologie de l'audit et du contrôle interne",
            "capacités d'analyse et de synthèse",
            "maîtrise des outils d'analyse de données",
        ],
    ),
    "CUL": (
        [
            "Chargé(e) des collections",
            "Régisseur(se) des œuvres",
            "Médiateur(trice) culturel(le)",
            "Chargé(e) de mission patrimoine",
            "Archiviste",
        ],
        [
            "assurer la gestion et la conservation des collections",
            "organiser les mouvements d'œuvres et les expositions",
            "concevoir des actions de médiation pour tous les publics",
            "instruire les dossiers de protection du patrimoine",
            "valoriser les fonds auprès des chercheurs et du public",
        ],
        [
            "connaissance des métiers du patrimoine",
            "maîtrise des outils de gestion des collections",
            "sens de la transmission",
        ],
    ),
    "DEF": (
        [
            "Chargé(e) de la préparation opérationnelle",
            "Gestionnaire logistique défense",
            "Chargé(e) de la sécurité de défense",
            "Analyste défense",
        ],
        [
            "contribuer à la planification de défense et de sécurité",
            "préparer et suivre les exercices de gestion de crise",
            "assurer la protection du secret de la défense nationale",
            "suivre les moyens logistiques et leur disponibilité",
        ],
        [
            "connaissance de l'organisation de la défense",
            "sens de la discrétion",
            "capacité à travailler dans l'urgence",
        ],
    ),
    "DIR": (
        [
            "Assistant(e) de direction",
            "Chef(fe) de cabinet",
            "Chargé(e) de mission auprès du directeur",
            "Secrétaire général(e)",
            "Directeur(trice) adjoint(e)",
        ],
        [
            "assister la direction dans le pilotage de l'activité",
            "préparer les instances et en assurer le suivi",
            "coordonner les services sur les dossiers transversaux",
            "rédiger des notes de synthèse et des éléments de langage",
            "gérer l'agenda et les relations avec les partenaires institutionnels",
        ],
        [
            "connaissance de l'environnement institutionnel",
            "sens de l'organisation et des priorités",
            "aisance rédactionnelle",
        ],
    ),
    "DOC": (
        [
            "Documentaliste",
            "Chargé(e) de veille",
            "Bibliothécaire",
            "Gestionnaire de fonds documentaires",
        ],
        [
            "assurer la veille documentaire et juridique des services",
            "gérer et enrichir le fonds documentaire",
            "répondre aux demandes de recherche des agents",
            "administrer le portail documentaire",
        ],
        [
            "techniques documentaires et de recherche",
            "maîtrise des bases de données documentaires",
            "sens du service",
        ],
    ),
    "ENS": (
        [
            "Formateur(trice)",
            "Responsable de formation",
            "Ingénieur(e) pédagogique",
            "Conseiller(ère) en formation",
            "Chargé(e) de l'apprentissage",
        ],
        [
            "analyser les besoins de formation des services",
            "concevoir des parcours de formation et des modules à distance",
            "animer des sessions de formation",
            "évaluer les actions de formation",
            "piloter le plan de formation et son budget",
        ],
        [
            "ingénierie pédagogique",
            "aisance à l'oral et en animation de groupe",
            "maîtrise des outils de formation à distance",
        ],
    ),
    "ENV": (
        [
            "Inspecteur(trice) de l'environnement",
            "Chargé(e) de mission biodiversité",
            "Chargé(e) de la police de l'eau",
            "Chargé(e) des risques naturels",
            "Technicien(ne) de l'environnement",
        ],
        [
            "instruire les dossiers au titre du code de l'environnement",
            "réaliser les contrôles des installations et des milieux",
            "élaborer les plans de prévention des risques",
            "accompagner les acteurs locaux dans la protection de la biodiversité",
            "rédiger les avis et les propositions de sanctions administratives",
        ],
        [
            "connaissance du code de l'environnement",
            "goût du terrain",
            "rigueur juridique",
        ],
    ),
    "FIP": (
        [
            "Gestionnaire fiscal(e)",
            "Inspecteur(trice) des finances publiques",
            "Chargé(e) du recouvrement",
            "Comptable public",
            "Gestionnaire de la dépense publique",
        ],
        [
            "gérer les dossiers fiscaux des particuliers et des professionnels",
            "assurer le recouvrement des créances publiques",
            "tenir la comptabilité de l'établissement",
            "contrôler la régularité de la dépense",
            "accueillir et renseigner les usagers",
        ],
        [
            "connaissance des règles de la comptabilité publique",
            "maîtrise des applications financières",
            "rigueur et sens du contrôle",
        ],
    ),
    "GBF": (
        [
            "Gestionnaire budgétaire et financier(ère)",
            "Responsable du contrôle budgétaire",
            "Chargé(e) de la préparation budgétaire",
            "Gestionnaire de la commande et de la dépense",
            "Analyste financier(ère)",
        ],
        [
            "préparer le budget et suivre son exécution",
            "engager et liquider les dépenses dans Chorus",
            "produire les tableaux de suivi des crédits",
            "conseiller les services sur la programmation de leurs dépenses",
            "préparer les éléments du compte financier",
        ],
        [
            "connaissance de la gestion budgétaire et comptable publique (GBCP)",
            "maîtrise d'un tableur",
            "sens de l'anticipation",
        ],
    ),
    "GRH": (
        [
            "Gestionnaire des ressources humaines",
            "Gestionnaire d'action sociale",
            "Chargé(e) de recrutement",
            "Gestionnaire paie",
            "Conseiller(ère) mobilité carrière",
            "Responsable de la formation continue",
        ],
        [
            "assurer la gestion administrative des agents, du recrutement au départ",
            "préparer et contrôler la paie",
            "conduire les recrutements, de l'annonce à l'accueil des nouveaux agents",
            "informer et accompagner les agents dans leur parcours professionnel",
            "suivre les effectifs et la masse salariale",
            "préparer le dialogue social et les instances",
        ],
        [
            "connaissance du statut général de la fonction publique",
            "maîtrise des systèmes d'information RH",
            "discrétion et sens de l'écoute",
        ],
    ),
    "INT": (
        [
            "Chargé(e) de coopération internationale",
            "Chargé(e) des affaires européennes",
            "Chargé(e) de mission relations internationales",
            "Analyste géopolitique",
        ],
        [
            "préparer les missions et les visites de délégations étrangères",
            "suivre les négociations européennes et internationales",
            "monter et piloter des projets de coopération",
            "rédiger des notes sur la situation des pays suivis",
        ],
        [
            "maîtrise de l'anglais, une autre langue étant appréciée",
            "connaissance des institutions européennes",
            "capacités rédactionnelles",
        ],
    ),
    "JUR": (
        [
            "Juriste",
            "Chargé(e) du contentieux",
            "Chargé(e) d'affaires juridiques",
            "Juriste droit des étrangers",
            "Responsable des affaires juridiques",
        ],
        [
            "apporter une expertise juridique aux services",
            "rédiger les mémoires en défense devant les juridictions",
            "analyser les évolutions législatives et jurisprudentielles",
            "sécuriser les actes et les décisions de l'administration",
            "représenter l'administration aux audiences",
        ],
        [
            "solides connaissances en droit public",
            "qualités d'analyse et de rédaction",
            "connaissance du droit des étrangers et du droit d'asile appréciée",
        ],
    ),
    "JUS": (
        [
            "Greffier(ère)",
            "Conseiller(ère) pénitentiaire d'insertion et de probation",
            "Assistant(e) spécialisé(e)",
            "Rapporteur(e)",
        ],
        [
            "assister les magistrats dans la préparation des audiences",
            "tenir les dossiers de procédure",
            "accompagner les personnes placées sous main de justice",
            "rédiger des projets de décisions",
        ],
        [
            "connaissance des procédures judiciaires",
            "rigueur et discrétion",
            "sens de l'organisation",
        ],
    ),
    "LOG": (
        [
            "Agent(e) de logistique",
            "Responsable des services généraux",
            "Magasinier(ère)",
            "Chauffeur(se)",
            "Agent(e) d'accueil et de sécurité",
        ],
        [
            "organiser la logistique des bâtiments et des événements",
            "gérer les stocks de fournitures et le courrier",
            "assurer les petits travaux d'entretien",
            "gérer le parc automobile",
            "accueillir les visiteurs et les prestataires",
        ],
        [
            "sens pratique et polyvalence",
            "connaissance des règles d'hygiène et de sécurité",
            "permis B",
        ],
    ),
    "MED": (
        [
            "Infirmier(ère) en soins généraux",
            "Médecin du travail",
            "Aide-soignant(e)",
            "Psychologue",
            "Cadre de santé",
        ],
        [
            "assurer les soins et le suivi des patients",
            "participer aux actions de prévention et d'éducation à la santé",
            "tenir les dossiers de soins",
            "travailler en lien avec les équipes pluridisciplinaires",
            "contribuer à la qualité et à la sécurité des soins",
        ],
        [
            "diplôme d'État exigé",
            "sens de l'écoute et de l'empathie",
            "capacité à travailler en équipe",
        ],
    ),
    "NUM": (
        [
            "Développeur(se) Python",
            "Chef(fe) de projet numérique",
            "Administrateur(trice) systèmes et réseaux",
            "Technicien(ne) support informatique",
            "Data analyst",
            "Responsable de la sécurité des systèmes d'information",
        ],
        [
            "concevoir et développer les applications métier",
            "administrer les serveurs et les réseaux",
            "accompagner les utilisateurs et résoudre les incidents",
            "piloter les projets numériques en méthode agile",
            "veiller à la sécurité des systèmes d'information",
            "exploiter les données pour éclairer les décisions",
        ],
        [
            "maîtrise des technologies du poste (Python, Linux, bases de données)",
            "connaissance des référentiels de sécurité (RGS, ANSSI)",
            "curiosité et veille technologique",
        ],
    ),
    "RCH": (
        [
            "Chargé(e) d'études",
            "Ingénieur(e) de recherche",
            "Chargé(e) de la valorisation de la recherche",
            "Statisticien(ne)",
        ],
        [
            "concevoir et conduire des études quantitatives et qualitatives",
            "exploiter les données et rédiger les publications",
            "suivre les partenariats avec les laboratoires",
            "présenter les résultats aux décideurs",
        ],
        [
            "méthodes statistiques",
            "maîtrise d'un langage d'analyse de données (R, Python)",
            "rigueur scientifique",
        ],
    ),
    "REN": (
        [
            "Analyste renseignement",
            "Chargé(e) de la documentation géopolitique",
            "Traducteur(trice) analyste",
        ],
        [
            "collecter et analyser l'information en sources ouvertes",
            "rédiger des synthèses sur les pays et les thématiques suivis",
            "répondre aux demandes des services instructeurs",
        ],
        [
            "maîtrise des techniques de recherche en sources ouvertes",
            "pratique d'une langue rare appréciée",
            "capacités de synthèse",
        ],
    ),
    "SAN": (
        [
            "Inspecteur(trice) de l'action sanitaire et sociale",
            "Chargé(e) de prévention des risques professionnels",
            "Conseiller(ère) de prévention",
            "Chargé(e) de mission santé publique",
        ],
        [
            "piloter la politique de prévention des risques professionnels",
            "mettre à jour le document unique d'évaluation des risques",
            "conduire des inspections et des contrôles",
            "animer les réseaux d'assistants de prévention",
        ],
        [
            "connaissance de la réglementation en santé et sécurité au travail",
            "capacité à convaincre",
            "sens du terrain",
        ],
    ),
    "SEC": (
        [
            "Chargé(e) de sécurité des biens et des personnes",
            "Responsable sûreté",
            "Agent(e) de sécurité incendie",
            "Chargé(e) de la gestion de crise",
        ],
        [
            "assurer la sécurité des personnes et des locaux",
            "organiser les exercices d'évacuation",
            "piloter les prestataires de gardiennage",
            "mettre à jour les plans de sûreté et de continuité",
        ],
        [
            "diplôme SSIAP apprécié",
            "sang-froid et réactivité",
            "sens des responsabilités",
        ],
    ),
    "SOC": (
        [
            "Assistant(e) de service social",
            "Éducateur(trice) spécialisé(e)",
            "Conseiller(ère) en économie sociale et familiale",
            "Travailleur(se) social(e)",
            "Chargé(e) de la protection de l'enfance",
        ],
        [
            "accompagner les personnes et les familles en difficulté",
            "évaluer les situations et proposer des mesures adaptées",
            "travailler en réseau avec les partenaires sociaux et associatifs",
            "conduire des entretiens individuels et des actions collectives",
            "repérer et signaler les situations de vulnérabilité",
        ],
        [
            "diplôme d'État de travail social",
            "écoute bienveillante et distance professionnelle",
            "connaissance des dispositifs d'aide sociale",
        ],
    ),
    "TRA": (
        [
            "Inspecteur(trice) des transports terrestres",
            "Chargé(e) de la sécurité routière",
            "Chargé(e) de mission mobilités",
            "Contrôleur(se) des transports",
        ],
        [
            "contrôler les entreprises de transport",
            "piloter les actions de sécurité routière",
            "accompagner les projets de mobilité des territoires",
            "instruire les autorisations d'exercice",
        ],
        [
            "connaissance de la réglementation des transports",
            "goût du contact et du terrain",
            "permis B",
        ],
    ),
    "USA": (
        [
            "Chargé(e) d'accueil",
            "Auditeur(trice) chargé(e) des entretiens d'introduction de demande d'asile",
            "Agent(e) d'accueil et d'information du public",
            "Gestionnaire des demandes d'asile",
            "Officier(ère) de protection instructeur(trice)",
            "Chargé(e) de la relation à l'usager",
        ],
        [
            "accueillir, informer et orienter les usagers sur place et au téléphone",
            "conduire les entretiens avec les demandeurs, avec l'aide d'interprètes",
            "enregistrer les demandes et vérifier la complétude des dossiers",
            "instruire les demandes de protection et rédiger les décisions",
            "repérer les vulnérabilités et orienter vers une prise en charge adaptée",
            "répondre aux réclamations et aux courriers des usagers",
        ],
        [
            "aisance dans la conduite d'entretiens",
            "intérêt pour la géopolitique et le droit d'asile",
            "maîtrise de l'anglais, d'autres langues étant un atout",
        ],
    ),
}

SERVICES = {
    "ACH": "Secrétariat général – Bureau des achats",
    "AGR": "Direction départementale des territoires – Service économie agricole",
    "AMT": "Direction départementale des territoires – Service aménagement",
    "ASP": "Service départemental à la jeunesse, à l'engagement et aux sports",
    "BAT": "Secrétariat général – Bureau de l'immobilier",
    "COM": "Direction générale – Service de la communication",
    "CTL": "Direction générale – Mission d'audit et de contrôle interne",
    "CUL": "Direction des patrimoines – Service des collections",
    "DEF": "État-major interministériel de zone de défense",
    "DIR": "Direction générale – Cabinet",
    "DOC": "Secrétariat général – Centre de documentation",
    "ENS": "Direction des ressources humaines – Bureau de la formation",
    "ENV": "Direction régionale de l'environnement – Service biodiversité",
    "FIP": "Agence comptable",
    "GBF": "Secrétariat général – Bureau du budget et des finances",
    "GRH": "Secrétariat général – Division des ressources humaines",
    "INT": "Direction générale – Mission des relations européennes et internationales",
    "JUR": "Direction des affaires juridiques – Bureau du contentieux",
    "JUS": "Tribunal judiciaire – Service du greffe",
    "LOG": "Secrétariat général – Bureau de la logistique",
    "MED": "Service de santé au travail",
    "NUM": "Direction des systèmes d'information",
    "RCH": "Service des études et de la statistique",
    "REN": "Division de l'information, de la documentation et des recherches",
    "SAN": "Secrétariat général – Mission prévention",
    "SEC": "Secrétariat général – Bureau de la sûreté",
    "SOC": "Direction de la solidarité – Service de l'aide sociale à l'enfance",
    "TRA": "Direction régionale – Service transports",
    "USA": "Direction de l'asile – Pôle accueil et enregistrement",
}

# (code, label as the national portal writes it, region code, town, postal code, weight)
DEPARTMENTS = [
    ("75", "Paris (75)", "11", "Paris", "75015", 12),
    ("92", "Hauts de Seine (92)", "11", "Nanterre", "92000", 5),
    ("93", "Seine Saint Denis (93)", "11", "Bobigny", "93000", 5),
    ("94", "Val de Marne (94)", "11", "Fontenay-sous-Bois", "94120", 8),
    ("91", "Essonne (91)", "11", "Évry-Courcouronnes", "91000", 2),
    ("78", "Yvelines (78)", "11", "Versailles", "78000", 2),
    ("95", "Val d'Oise (95)", "11", "Cergy", "95000", 2),
    ("77", "Seine et Marne (77)", "11", "Melun", "77000", 2),
    ("33", "Gironde (33)", "75", "Bordeaux", "33000", 4),
    ("59", "Nord (59)", "32", "Lille", "59000", 4),
    ("69", "Rhône (69)", "84", "Lyon", "69003", 4),
    ("13", "Bouches du Rhône (13)", "93", "Marseille", "13006", 4),
    ("31", "Haute Garonne (31)", "76", "Toulouse", "31000", 3),
    ("44", "Loire Atlantique (44)", "52", "Nantes", "44000", 3),
    ("35", "Ille et Vilaine (35)", "53", "Rennes", "35000", 2),
    ("67", "Bas Rhin (67)", "44", "Strasbourg", "67000", 2),
    ("06", "Alpes Maritimes (06)", "93", "Nice", "06000", 2),
    ("34", "Hérault (34)", "76", "Montpellier", "34000", 2),
    ("38", "Isère (38)", "84", "Grenoble", "38000", 2),
    ("29", "Finistère (29)", "53", "Quimper", "29000", 1),
    ("57", "Moselle (57)", "44", "Metz", "57000", 2),
    ("54", "Meurthe et Moselle (54)", "44", "Nancy", "54000", 1),
    ("51", "Marne (51)", "44", "Châlons-en-Champagne", "51000", 1),
    ("14", "Calvados (14)", "28", "Caen", "14000", 1),
    ("76", "Seine Maritime (76)", "28", "Rouen", "76000", 2),
    ("80", "Somme (80)", "32", "Amiens", "80000", 1),
    ("86", "Vienne (86)", "75", "Poitiers", "86000", 1),
    ("45", "Loiret (45)", "24", "Orléans", "45000", 1),
    ("37", "Indre et Loire (37)", "24", "Tours", "37000", 1),
    ("21", "Côte d'Or (21)", "27", "Dijon", "21000", 1),
    ("25", "Doubs (25)", "27", "Besançon", "25000", 1),
    ("63", "Puy de Dôme (63)", "84", "Clermont-Ferrand", "63000", 1),
    ("64", "Pyrénées Atlantiques (64)", "75", "Pau", "64000", 1),
    ("83", "Var (83)", "93", "Toulon", "83000", 1),
    ("49", "Maine et Loire (49)", "52", "Angers", "49000", 1),
    ("2A", "Corse du Sud (2A)", "94", "Ajaccio", "20000", 1),
    ("971", "Guadeloupe (971)", "01", "Basse-Terre", "97100", 1),
    ("972", "Martinique (972)", "02", "Fort-de-France", "97200", 1),
    ("973", "Guyane (973)", "03", "Cayenne", "97300", 1),
    ("974", "La Réunion (974)", "04", "Saint-Denis", "97400", 1),
    ("976", "Mayotte (976)", "06", "Mamoudzou", "97600", 1),
]

STREETS = [
    "rue de la République",
    "avenue du Général de Gaulle",
    "place de la Préfecture",
    "boulevard Gambetta",
    "rue Victor Hugo",
    "quai de la Douane",
    "rue Carnot",
    "avenue Jean Jaurès",
    "rue Pasteur",
    "cours de la Libération",
]

# Versant -> catégorie -> corps or cadre d'emplois, with a grade.
CORPS = {
    "FPE": {
        "APLUS": "Administrateur de l'État",
        "A": "Attaché d'administration de l'État",
        "B": "Secrétaire administratif de classe normale",
        "C": "Adjoint administratif principal de 2e classe",
        "HORS_CATEGORIE": "Agent contractuel hors catégorie",
    },
    "FPT": {
        "APLUS": "Administrateur territorial",
        "A": "Attaché territorial",
        "B": "Rédacteur territorial",
        "C": "Adjoint administratif territorial",
        "HORS_CATEGORIE": "Agent contractuel hors catégorie",
    },
    "FPH": {
        "APLUS": "Directeur d'hôpital",
        "A": "Attaché d'administration hospitalière",
        "B": "Adjoint des cadres hospitaliers",
        "C": "Adjoint administratif hospitalier",
        "HORS_CATEGORIE": "Agent contractuel hors catégorie",
    },
}

AUTHORITIES = {
    "FPE": ["Directeur général de l'Ofpra", "Préfet de région", "Secrétaire général du ministère"],
    "FPT": ["Président du conseil départemental", "Maire", "Président du conseil régional"],
    "FPH": ["Directeur du centre hospitalier", "Directeur général du CHU"],
}

# Catégorie -> gross yearly pay range in euros (lowest minimum, highest maximum).
SALARIES = {
    "APLUS": (52_000, 85_000),
    "A": (34_000, 55_000),
    "B": (25_000, 36_000),
    "C": (22_000, 28_000),
    "HORS_CATEGORIE": (30_000, 60_000),
}

EDUCATION = {
    "APLUS": "Master (niveau 7)",
    "A": "Licence ou master (niveau 6 ou 7)",
    "B": "Baccalauréat ou bac + 2 (niveau 4 ou 5)",
    "C": "CAP, BEP ou baccalauréat (niveau 3 ou 4)",
    "HORS_CATEGORIE": "Selon le poste",
}

INTRODUCTIONS = [
    "Au sein d'une équipe de {size} agents, vous contribuez à la mise en œuvre des politiques "
    "publiques portées par le service, au plus près des usagers et des partenaires.",
    "Rattaché(e) au chef de service, vous rejoignez une équipe engagée qui conduit des projets "
    "structurants pour l'établissement et pour le territoire.",
    "Le service, composé de {size} agents, connaît une forte activité et se transforme : vous y "
    "trouverez des missions variées et des marges d'initiative.",
    "Dans un contexte de modernisation des méthodes de travail, vous participez à l'évolution des "
    "pratiques du service et à la qualité du service rendu.",
]

CLOSINGS = [
    "Vous pouvez être amené(e) à participer à des groupes de travail transversaux et à représenter "
    "le service auprès de partenaires extérieurs.",
    "Vous contribuez au partage de l'information au sein de l'équipe et à la mise à jour des "
    "procédures.",
    "Vous participez au tutorat des nouveaux arrivants et à la continuité du service.",
]

MANAGEMENT_LINE = "encadrer une équipe de {size} agents et organiser leur activité"

EXPERIENCE_SENTENCES = {
    "DEBUTANT": "Ce poste est ouvert aux débutants : une formation est assurée à la prise de poste.",
    "CONFIRME": "Vous justifiez d'une première expérience réussie sur un poste similaire.",
    "EXPERT": "Vous disposez d'une solide expérience dans le domaine et d'une expertise reconnue.",
}

SOFT_SKILLS = [
    "rigueur et sens de l'organisation",
    "aisance relationnelle et sens du travail en équipe",
    "capacité d'adaptation et réactivité",
    "sens du service public",
    "discrétion professionnelle",
    "autonomie et esprit d'initiative",
    "qualités d'écoute",
]

CONDITIONS = [
    "Déplacements ponctuels dans le département.",
    "Astreintes possibles selon un planning établi à l'avance.",
    "Habilitation au secret de la défense nationale requise.",
    "Permis B exigé.",
    "Pics d'activité lors des périodes de clôture budgétaire.",
    "",
    "",
]

ADDITIONAL_INFO = [
    "Restaurant administratif, prise en charge partielle des transports en commun, action sociale "
    "ministérielle.",
    "Le poste est accessible aux personnes en situation de handicap ; les aménagements nécessaires "
    "seront étudiés.",
    "Horaires variables, 25 jours de congés annuels et jours de RTT selon le régime horaire choisi.",
    "Locaux accessibles en transports en commun.",
]

DOCUMENTS = (
    "- une lettre de motivation ;\n"
    "- un curriculum vitae ;\n"
    "- pour les fonctionnaires, le dernier arrêté de situation administrative."
)
