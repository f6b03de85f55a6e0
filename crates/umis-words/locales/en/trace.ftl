# Sentences of the stay engine's and the stay calculator's traces. { $vN } is the N-th value
# the rule quotes (a date, a number of days, a name or a source), printed as given.

trace-pack = rule pack { $v0 } ({ $v1 }), time zone { $v2 }
trace-stay = stay { $v0 }…{ $v1 }, entry basis { $v2 }: limit { $v3 } days (source: { $v4 })
trace-stay_nationality = stay { $v0 }…{ $v1 }, entry basis { $v2 }, nationality { $v5 }: limit { $v3 } days (source: { $v4 })
trace-visa_stay_above_maximum = stay entered { $v0 }: the visa gives { $v1 } days, more than the { $v2 } days a multiple-entry visa gives (Art. 38.1); honoured as given, check the visa
trace-trp_absence = temporary residence permit { $v0 }: { $v1 } days abroad in the { $v2 }-day window { $v3 }…{ $v4 } (limit { $v5 }); the permit is to be cancelled unless its holder is a highly qualified migrant
trace-continuity_broken = residence { $v5 }…{ $v6 } interrupted: { $v0 } days abroad in the { $v1 }-day window { $v2 }…{ $v3 } (limit { $v4 })
trace-continuity_kept = residence { $v0 }…{ $v1 } without interruption: never more than { $v2 } days abroad in any { $v3 } days
trace-stay_dropped = stay entered { $v0 } has no exit before the entry of { $v1 }: dropped, sent for review
trace-exit_without_entry = exit on { $v0 } without an open stay: sent for review
trace-permit_covers = permit { $v0 } { $v1 }…{ $v2 } makes its days lawful
trace-overstay = stay entered { $v0 }: first unlawful day { $v1 }, { $v2 } days over the limit through { $v3 }
trace-within_limit = stay entered { $v0 }: every day through { $v1 } lawful
trace-window_count = { $v0 }: { $v1 } days of stay in the { $v2 }-day window { $v3 }…{ $v0 } (limit { $v4 })
trace-registration_required = arrival { $v0 }: the stay goes beyond { $v2 } days, so it must be registered by { $v1 }
trace-registration_voluntary = arrival { $v0 }: a stay ending by { $v1 } (at most { $v2 } days) needs no registration; registering is voluntary
trace-registration_deadline = stay entered { $v0 }: registration due by { $v1 } ({ $v2 } days; source: { $v3 })
trace-registration_deadline_nationality = stay entered { $v0 }: registration due by { $v1 } ({ $v2 } days for nationality { $v3 }; source: { $v4 })
trace-registered = stay entered { $v0 }: registered on { $v1 }, in time
trace-registration_exempt = stay entered { $v0 }: no registration needed, a { $v1 } permit covers the entry date
trace-no_registration_rule = stay entered { $v0 }: no registration rule in force on that date
trace-unregistered = stay entered { $v0 }: not registered by { $v1 }
trace-days_used = { $v0 }: { $v1 } days used
trace-possible_stay_until = from { $v0 } the traveller may stay through { $v1 }
trace-date_unlawful = { $v0 } would be an unlawful day: entry is to be refused
trace-max_stay = a stay starting { $v0 } may last { $v1 } days, latest exit { $v2 }
trace-next_entry = next possible entry { $v0 }, for { $v1 } days
trace-no_next_entry = no lawful entry within { $v0 } days after { $v1 }
