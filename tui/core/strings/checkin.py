"""Strings of the checkin part of the app."""

EN: dict[str, str] = {
    "checkin.key.done": "Done",
    "checkin.key.partly": "Partly",
    "checkin.key.not_done": "Not done",
    "checkin.key.dropped": "Dropped",
    "checkin.key.note": "Note",
    "checkin.key.carry": "Carry forward",
    "checkin.key.note_e": "Note (same as n)",
    "checkin.key.no_delete": "Delete: not here, press 4 (dropped)",
    "checkin.review_hint": "1 done  2 partly  3 not done  4 dropped  n note  c carry forward",
    "checkin.discussed": "{done} of {total} discussed",
    "checkin.open": "Still open",
    "checkin.no_reviews": "No open actions from last time: this is the team's first session, or everything "
                          "was finished. Go on with the changes below.",
    "checkin.note_label": "Note:",
    "checkin.due": "due {date}",
    "checkin.note_placeholder": "What the group says about this action; Enter saves",
    "checkin.note_saved": "Note saved.",
    "checkin.carried": "Carried forward into this session's actions: {what}",
    "checkin.uncarried": "No longer carried forward: {what}",
    "checkin.carry_not_allowed": "Only an action that is not done or partly done can be carried forward. "
                                 "Press 3 or 2 first.",
    "checkin.locked": "Last time's actions stay on the list; press 4 to mark one as dropped.",
    "checkin.col.change": "Change",
    "checkin.text_placeholder": "What has changed? E.g. a move, a new colleague, other care needs",
}

NL: dict[str, str] = {
    "checkin.key.done": "Gedaan",
    "checkin.key.partly": "Deels",
    "checkin.key.not_done": "Niet gedaan",
    "checkin.key.dropped": "Vervallen",
    "checkin.key.note": "Toelichting",
    "checkin.key.carry": "Meenemen",
    "checkin.key.note_e": "Toelichting (zelfde als n)",
    "checkin.key.no_delete": "Verwijderen: kan hier niet, druk op 4 (vervallen)",
    "checkin.review_hint": "1 gedaan  2 deels  3 niet gedaan  4 vervallen  n toelichting  c meenemen",
    "checkin.discussed": "{done} van {total} besproken",
    "checkin.open": "Nog open",
    "checkin.no_reviews": "Geen openstaande acties van de vorige keer: dit is de eerste sessie van dit team, "
                          "of alles was al afgerond. Ga verder met de veranderingen hieronder.",
    "checkin.note_label": "Toelichting:",
    "checkin.due": "klaar op {date}",
    "checkin.note_placeholder": "Wat de groep over deze actie zegt; Enter bewaart",
    "checkin.note_saved": "Toelichting bewaard.",
    "checkin.carried": "Meegenomen naar de acties van deze sessie: {what}",
    "checkin.uncarried": "Niet meer meegenomen: {what}",
    "checkin.carry_not_allowed": "Je kunt alleen een actie meenemen die niet of deels gedaan is. "
                                 "Druk eerst op 3 of 2.",
    "checkin.locked": "De acties van de vorige keer blijven in de lijst; druk op 4 om er een als vervallen "
                      "te markeren.",
    "checkin.col.change": "Verandering",
    "checkin.text_placeholder": "Wat is er veranderd? Bijv. verhuizing, nieuwe collega, andere zorgvraag",
}
