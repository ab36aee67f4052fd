"""Strings of the influence part of the app."""

EN: dict[str, str] = {
    "influence.key.left": "Move left",
    "influence.key.right": "Move right",
    "influence.key.who": "Who can help",
    "influence.key.who_enter": "Who can help (same as w)",
    "influence.key.cancel": "Cancel",
    "influence.unsorted": "Not yet sorted",
    "influence.count": "{count} frictions",
    "influence.count_one": "{count} friction",
    "influence.empty": "Nothing here yet",
    "influence.all_sorted": "All sorted",
    "influence.hint": "← → move the friction · Tab: next column · w: who can help (outside)",
    "influence.no_frictions": "No frictions yet. Go back to phase 4 (Ctrl+← or F7) to note them.",
    "influence.who_missing": "who can help? (w)",
    "influence.who_label": "Who can help, who should hear it? About: {what}",
    "influence.who_placeholder": "e.g. the council's care desk, the insurer, the GP cooperative; Enter saves",
    "influence.who_only_outside": "Who can help is asked for frictions outside our influence; "
                                  "move this one to the right first (→).",
    "influence.who_saved": "Who can help: saved.",
}

NL: dict[str, str] = {
    "influence.key.left": "Naar links",
    "influence.key.right": "Naar rechts",
    "influence.key.who": "Wie kan helpen",
    "influence.key.who_enter": "Wie kan helpen (zelfde als w)",
    "influence.key.cancel": "Annuleren",
    "influence.unsorted": "Nog niet ingedeeld",
    "influence.count": "{count} knelpunten",
    "influence.count_one": "{count} knelpunt",
    "influence.empty": "Hier staat nog niets",
    "influence.all_sorted": "Alles is ingedeeld",
    "influence.hint": "← → knelpunt verschuiven · Tab: volgende kolom · w: wie kan helpen (buiten)",
    "influence.no_frictions": "Nog geen knelpunten. Ga terug naar fase 4 (Ctrl+← of F7) om ze te noteren.",
    "influence.who_missing": "wie kan helpen? (w)",
    "influence.who_label": "Wie kan helpen, wie moet het horen? Over: {what}",
    "influence.who_placeholder": "bijv. het Wmo-loket, de zorgverzekeraar, de huisartsenpost; Enter bewaart",
    "influence.who_only_outside": "Wie kan helpen vraag je bij knelpunten buiten onze invloed; "
                                  "schuif dit knelpunt eerst naar rechts (→).",
    "influence.who_saved": "Wie kan helpen is bewaard.",
}
