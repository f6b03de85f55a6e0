//! What may be challenged, and how a challenge ends: the vocabulary of appeals.
//!
//! An appeal (administrative complaint) challenges one *act* of the authority. Refusals,
//! cancellations of issued documents and inaction (a decision not taken by its deadline) are
//! appealable today; fines and entry bans join this type when their procedures exist, so every
//! rule that asks "which act?" is a `match` the compiler keeps complete.

crate::wire_enum! {
    /// The act an appeal challenges.
    AppealableAct {
        /// A refused application.
        Refusal = "refusal",
        /// The cancellation (revocation) of an issued permit or document.
        Cancellation = "cancellation",
        /// A decision not taken by its statutory deadline.
        Inaction = "inaction",
    }
}

crate::wire_enum! {
    /// How the appeal body or a court decides a challenge.
    ChallengeResult {
        /// The challenge succeeds: the act is annulled.
        Upheld = "upheld",
        /// The challenge fails: the act stands.
        Dismissed = "dismissed",
    }
}

crate::wire_enum! {
    /// How the day an act was notified is known.
    NoticeBasis {
        /// The notification was delivered (the outbox recorded it sent).
        Delivered = "delivered",
        /// No delivery is recorded: presumed received a fixed number of days after the act.
        Presumed = "presumed",
        /// Inaction has no notice: the period runs from the day after the missed deadline.
        DeadlineMissed = "deadline_missed",
    }
}
