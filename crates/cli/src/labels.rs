//! The words the command line prints, in French, Dutch and English.

use domain::Lang;

/// One label in the three languages; `t(lang)` picks it.
pub struct L(pub &'static str, pub &'static str, pub &'static str);

impl L {
    pub fn t(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.0,
            Lang::Nl => self.1,
            Lang::En => self.2,
        }
    }
}

pub const CELEX: L = L("CELEX", "CELEX", "CELEX");
pub const DIRECTIVE: L = L("Directive", "Richtlijn", "Directive");
pub const TITLE: L = L("Titre", "Titel", "Title");
pub const DEADLINE: L = L("Délai", "Termijn", "Deadline");
pub const DEADLINES: L = L(
    "Délais de transposition",
    "Omzettingstermijnen",
    "Transposition deadlines",
);
pub const STATUS: L = L("Statut", "Status", "Status");
pub const DELAY: L = L("Retard", "Vertraging", "Delay");
pub const LEAD: L = L("Pilote", "Trekker", "Lead");
pub const ASSOCIATED: L = L("Associées", "Betrokken", "Associated");
pub const PLANNED: L = L("Date prévue", "Geplande datum", "Planned");
pub const RISK: L = L("Risque", "Risico", "Risk");
pub const COMPETENCE: L = L("Compétence", "Bevoegdheid", "Competence");
pub const MEASURES: L = L("Mesures", "Maatregelen", "Measures");
pub const NOTIFIED: L = L("Notifiée", "Aangemeld", "Notified");
pub const COMPLETES: L = L("Complète", "Volledig", "Completes");
pub const KIND: L = L("Type", "Type", "Kind");
pub const ADOPTED: L = L("Adoptée", "Aangenomen", "Adopted");
pub const CODE: L = L("Code", "Code", "Code");
pub const NAME_FR: L = L("Nom (FR)", "Naam (FR)", "Name (FR)");
pub const NAME_NL: L = L("Nom (NL)", "Naam (NL)", "Name (NL)");
pub const ALIASES: L = L("Autres noms", "Andere namen", "Other names");
pub const CASE: L = L("Procédure", "Procedure", "Case");
pub const SHEET: L = L("Feuille", "Blad", "Sheet");
pub const COLUMN: L = L("Colonne", "Kolom", "Column");
pub const HEADER: L = L("En-tête", "Kop", "Header");
pub const READ_AS: L = L("Lu comme", "Gelezen als", "Read as");
pub const SAMPLES: L = L("Exemples", "Voorbeelden", "Samples");
pub const LEFT_ASIDE: L = L("laissée de côté", "buiten beschouwing", "left aside");
pub const WARNING: L = L("attention", "let op", "warning");
pub const COLUMN_LEFT_ASIDE: L = L(
    "cette colonne contient des valeurs qui ne seront pas importées",
    "deze kolom bevat waarden die niet worden ingevoerd",
    "this column holds values that are not imported",
);
pub const MAP_IT: L = L(
    "pour la lire, ajoutez",
    "om ze te lezen, voeg toe",
    "to read it, add",
);
pub const NOT_CARRIED: L = L(
    "champs que ce fichier ne donne pas (laissés tels quels)",
    "velden die dit bestand niet bevat (ongewijzigd gelaten)",
    "fields this file does not carry (left as they are)",
);
pub const CASE_TYPE: L = L("Type", "Type", "Type");
pub const STAGE: L = L("Stade", "Stadium", "Stage");
pub const LAST_DECISION: L = L("Dernière décision", "Laatste beslissing", "Last decision");
pub const NEXT_REPLY: L = L("Prochaine réponse", "Volgend antwoord", "Next reply due");
pub const ACTIVE: L = L("Active", "Actief", "Active");
pub const DATE: L = L("Date", "Datum", "Date");
pub const REPLY_DEADLINE: L = L("Réponse pour le", "Antwoord tegen", "Reply due");
pub const REPLY_SENT: L = L("Réponse envoyée", "Antwoord verzonden", "Reply sent");
pub const REPLY_ENTERED: L = L("Encodée", "Ingevoerd", "Entered");
pub const YES: L = L("oui", "ja", "yes");
pub const NO: L = L("non", "nee", "no");
pub const UNKNOWN: L = L("?", "?", "?");
pub const TO_ASSIGN: L = L("à attribuer", "toe te wijzen", "to be assigned");
pub const SITUATION_AT: L = L("Situation au", "Stand op", "Situation at");
pub const TRACKED: L = L(
    "directives suivies",
    "gevolgde richtlijnen",
    "directives tracked",
);
pub const OPEN_CASES: L = L(
    "procédures ouvertes",
    "lopende procedures",
    "open procedures",
);
pub const OVERDUE_TITLE: L = L(
    "En retard de transposition",
    "Achterstallige omzetting",
    "Overdue",
);
pub const DUE_SOON_TITLE: L = L(
    "À transposer dans les 60 jours",
    "Om te zetten binnen 60 dagen",
    "Due within 60 days",
);
pub const CASES_TITLE: L = L(
    "Procédures ouvertes : réponses attendues (échéance depuis moins de 60 jours ou à venir)",
    "Lopende procedures: verwachte antwoorden (termijn minder dan 60 dagen verstreken of nog te komen)",
    "Open procedures awaiting a reply (deadline less than 60 days ago or to come)",
);
pub const OTHER_CASES: L = L(
    "autres procédures ouvertes : scoreboard case list --active",
    "andere lopende procedures: scoreboard case list --active",
    "other open procedures: scoreboard case list --active",
);
pub const NONE: L = L("(aucune)", "(geen)", "(none)");
pub const DAYS: L = L("j", "d", "d");
pub const MONTHS: L = L("mois", "mnd", "mo");
pub const WHEN: L = L("Quand", "Wanneer", "When");
pub const WHO: L = L("Qui", "Wie", "Who");
pub const ACTION: L = L("Action", "Actie", "Action");
pub const FIELD: L = L("Champ", "Veld", "Field");
pub const OLD: L = L("Ancienne valeur", "Oude waarde", "Old value");
pub const NEW: L = L("Nouvelle valeur", "Nieuwe waarde", "New value");
pub const DIRECTIVES: L = L("Directives", "Richtlijnen", "Directives");
pub const DECISIONS: L = L("Décisions", "Beslissingen", "Decisions");
pub const EVENTS: L = L("Événements", "Gebeurtenissen", "Events");
pub const VERSION: L = L("Version", "Versie", "Version");
pub const NOTES: L = L("Notes", "Notities", "Notes");
pub const DEMO_NOTICE: L = L(
    "Démo : directives et délais réels, procédures réelles du registre de la Commission au 11/01/2023 ; les autorités bruxelloises compétentes et les mesures sont inventées.",
    "Demo: echte richtlijnen en termijnen, echte procedures uit het register van de Commissie op 11/01/2023; de bevoegde Brusselse besturen en de maatregelen zijn verzonnen.",
    "Demo: real directives and deadlines, real cases from the Commission's register of 11/01/2023; which Brussels authority handles what, and the measures, are invented.",
);

pub const DRY_RUN: L = L(
    "Simulation : rien n'a été écrit.",
    "Proefrun: er werd niets geschreven.",
    "Dry run: nothing was written.",
);
pub const EXPORT_OF: L = L("export du", "export van", "export of");
pub const NEW_CASES: L = L(
    "nouvelle(s) procédure(s)",
    "nieuwe procedure(s)",
    "new case(s)",
);
pub const NEW_DECISIONS: L = L(
    "nouvelle(s) décision(s)",
    "nieuwe beslissing(en)",
    "new decision(s)",
);
pub const NO_LONGER_ACTIVE: L = L(
    "procédure(s) plus active(s)",
    "procedure(s) niet langer actief",
    "case(s) no longer active",
);
pub const REOPENED: L = L("rouverte(s)", "heropend", "reopened");
pub const NOTHING_CHANGED: L = L(
    "Rien n'a changé : cet export avait déjà été importé ; rien n'a été écrit.",
    "Er is niets veranderd: deze export werd al geïmporteerd; er werd niets geschreven.",
    "Nothing changed: this export was imported before; nothing was written.",
);
pub const CHANGE: L = L("Changement", "Wijziging", "Change");
pub const WHAT: L = L("Quoi", "Wat", "What");
pub const NEW_CASE: L = L("nouvelle procédure", "nieuwe procedure", "new case");
pub const NEW_DECISION: L = L("nouvelle décision", "nieuwe beslissing", "new decision");
pub const REPLY_DUE: L = L(
    "réponse attendue pour le",
    "antwoord verwacht tegen",
    "reply due",
);
pub const INACTIVE: L = L("plus active", "niet langer actief", "no longer active");
pub const REOPENED_ONE: L = L("rouverte", "heropend", "reopened");
pub const BETWEEN_EXPORTS: L = L(
    "entre ces deux exports",
    "tussen deze twee exports",
    "between these two exports",
);
pub const CORRECTED: L = L("corrigé", "gecorrigeerd", "corrected");
pub const REJECTED: L = L("rejeté", "verworpen", "rejected");

pub const ROWS: L = L("lignes", "rijen", "rows");
pub const NEW_RECORDS: L = L(
    "nouvel(s) enregistrement(s)",
    "nieuwe record(s)",
    "new record(s)",
);
pub const CHANGED_RECORDS: L = L("modifié(s)", "gewijzigd", "changed");
pub const UNCHANGED: L = L(
    "ligne(s) inchangée(s)",
    "ongewijzigde rij(en)",
    "row(s) unchanged",
);
pub const NOTHING_CHANGED_TABLES: L = L(
    "Rien n'a changé : la base contient déjà tout ce que dit ce fichier ; rien n'a été écrit.",
    "Er is niets veranderd: de databank bevat al alles wat dit bestand zegt; er werd niets geschreven.",
    "Nothing changed: the database already holds everything this file says; nothing was written.",
);
pub const RECORD: L = L("Enregistrement", "Record", "Record");
pub const NEW_ONE: L = L("nouveau", "nieuw", "new");
pub const NOT_IN_FILE: L = L(
    "Directives suivies absentes de ce fichier (conservées)",
    "Gevolgde richtlijnen die niet in dit bestand staan (bewaard)",
    "Tracked directives not in this file (kept)",
);

pub const CONCERTATION: L = L(
    "Comité de concertation",
    "Overlegcomité",
    "Concertation Committee",
);
pub const EUROCOORD: L = L(
    "Réunion des euro-coordinateurs",
    "Vergadering van de eurocoördinatoren",
    "Euro-coordinators meeting",
);
pub const COMMISSION_BILATERAL: L = L(
    "Bilatérale avec la Commission",
    "Bilaterale met de Commissie",
    "Bilateral with the Commission",
);
pub const CORRESPONDENTS: L = L(
    "Réunion des correspondants",
    "Vergadering van de correspondenten",
    "Correspondents meeting",
);
pub const CALENDAR_NAME: L = L(
    "Échéances UE — Région de Bruxelles-Capitale",
    "EU-termijnen — Brussels Hoofdstedelijk Gewest",
    "EU deadlines — Brussels-Capital Region",
);
pub const KIND_TRANSPOSITION: L = L("Transposition", "Omzetting", "Transposition");
pub const KIND_REPLY: L = L(
    "Réponse à la Commission",
    "Antwoord aan de Commissie",
    "Reply to the Commission",
);
pub const KIND_PILOT: L = L("Réponse EU Pilot", "Antwoord EU Pilot", "EU Pilot reply");
pub const DAYS_LEFT_OR_LATE: L = L("Jours", "Dagen", "Days");
pub const LATE: L = L("j de retard", "d te laat", "d late");
pub const DEADLINES_WORD: L = L("échéances", "termijnen", "deadlines");
pub const OVERDUE_WORD: L = L("dépassée(s)", "verstreken", "overdue");
pub const INDICATOR: L = L("Indicateur", "Indicator", "Indicator");
pub const FORECAST: L = L("Prévision", "Prognose", "Forecast");
pub const IND_CONCERNED: L = L(
    "Directives concernant la Région",
    "Richtlijnen die het Gewest betreffen",
    "Directives concerning the Region",
);
pub const IND_DUE: L = L(
    "Directives dont le délai est échu",
    "Richtlijnen waarvan de termijn verstreken is",
    "Directives due",
);
pub const IND_NOT_NOTIFIED: L = L(
    "Non complètement notifiées",
    "Niet volledig aangemeld",
    "Not completely notified",
);
pub const IND_DEFICIT: L = L(
    "Déficit de transposition",
    "Omzettingsachterstand",
    "Transposition deficit",
);
pub const IND_OVERDUE: L = L(
    "Directives en retard",
    "Achterstallige richtlijnen",
    "Overdue directives",
);
pub const IND_TWO_YEARS: L = L(
    "En retard de 2 ans ou plus",
    "2 jaar of meer achterstallig",
    "Overdue 2 years or more",
);
pub const IND_AVG_DELAY: L = L(
    "Retard moyen (mois)",
    "Gemiddelde vertraging (maanden)",
    "Average delay (months)",
);
pub const IND_PENDING: L = L(
    "Procédures d'infraction pendantes concernant la Région",
    "Hangende inbreukprocedures die het Gewest betreffen",
    "Pending infringement cases concerning the Region",
);
pub const IND_CONFORMITY: L = L(
    "dont non-conformité ou mauvaise application",
    "waarvan niet-conformiteit of slechte toepassing",
    "of which non-conformity or bad application",
);
pub const REGION: L = L("Région", "Gewest", "Region");
pub const OPEN_PROCEDURES: L = L("procédures ouvertes", "open procedures", "open procedures");
pub const CONCERN_REGION: L = L(
    "concernent la Région",
    "betreffen het Gewest",
    "concern the Region",
);
pub const TO_TRIAGE: L = L("à trier", "te sorteren", "to triage");
pub const TRIAGE_SUGGEST: L = L(
    "à trier (concernée ?)",
    "te sorteren (betrokken?)",
    "to triage (concerned?)",
);
pub const IND_LISTED: L = L(
    "Procédures belges pendantes",
    "Hangende Belgische procedures",
    "Pending Belgian procedures",
);
pub const IND_TO_TRIAGE: L = L(
    "dont à trier (la Région est-elle concernée ?)",
    "waarvan te sorteren (betreft het het Gewest?)",
    "of which to triage (does it concern the Region?)",
);
pub const IND_DURATION: L = L(
    "Durée moyenne des procédures (mois)",
    "Gemiddelde duur van de procedures (maanden)",
    "Average duration of cases (months)",
);
pub const TARGET: L = L(
    "Objectif de la Commission",
    "Doelstelling van de Commissie",
    "Commission target",
);
pub const MET: L = L("atteint", "gehaald", "met");
pub const NOT_MET: L = L("non atteint", "niet gehaald", "not met");

pub const NATIONAL_MEASURES: L = L(
    "Mesures nationales notifiées par la Belgique (liste de la Commission)",
    "Nationale maatregelen aangemeld door België (lijst van de Commissie)",
    "National measures notified by Belgium (the Commission's list)",
);

pub fn yes_no(lang: Lang, b: Option<bool>) -> &'static str {
    match b {
        Some(true) => YES.t(lang),
        Some(false) => NO.t(lang),
        None => UNKNOWN.t(lang),
    }
}
