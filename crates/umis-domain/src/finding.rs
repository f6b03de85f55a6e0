//! The vocabulary of stay control's review items: what kind of finding an item is, whether an
//! officer has dealt with it, and how. Stored under these spellings and mapped once by the
//! store, so every layer above compares types, not strings.

crate::wire_enum! {
    /// What stay control found about a traveller.
    FindingKind {
        /// Stayed longer than the rule pack allows.
        Overstay = "overstay",
        /// Did not register at a place of stay within the period.
        UnregisteredStay = "unregistered_stay",
        /// Crossing data that does not add up (an exit without an entry, …).
        Anomaly = "anomaly",
        /// A temporary resident abroad longer than the residence permit allows.
        TrpAbsence = "trp_absence",
        /// A registration at place of stay still running after its holder left the country.
        RegistrationNotEnded = "registration_not_ended",
    }
}

crate::wire_enum! {
    /// Whether a review item still waits for an officer.
    FindingStatus { Open = "open", Resolved = "resolved" }
}

crate::wire_enum! {
    /// How an officer resolved a review item.
    Resolution {
        /// A fine was imposed.
        Fined = "fined",
        /// The person has left the country.
        Departed = "departed",
        /// The person registered late.
        RegisteredLate = "registered_late",
        /// The data behind the finding was wrong.
        DataError = "data_error",
        /// Nothing to do.
        NoAction = "no_action",
        /// Set by stay control itself: newer data no longer supports the finding.
        Obsolete = "obsolete",
    }
}

impl Resolution {
    /// The resolutions an officer may choose (the others are stay control's own).
    pub const BY_OFFICER: &'static [Resolution] = &[
        Resolution::Fined,
        Resolution::Departed,
        Resolution::RegisteredLate,
        Resolution::DataError,
        Resolution::NoAction,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_and_unknown_ones_are_refused() {
        for k in FindingKind::ALL {
            assert_eq!(FindingKind::parse(k.as_str()), Some(*k));
        }
        for r in Resolution::ALL {
            assert_eq!(Resolution::parse(r.as_str()), Some(*r));
        }
        assert_eq!(FindingStatus::parse("open"), Some(FindingStatus::Open));
        assert_eq!(FindingKind::parse("Overstay"), None);
        assert_eq!(Resolution::parse(""), None);
    }
}
