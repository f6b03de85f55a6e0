//! The one lifecycle every e-service case follows, as an explicit state machine.
//!
//! draft → submitted → (returned for correction → submitted) → accepted → assigned → in review
//! ⇄ information requested → decision proposed → approved or refused, each by a second officer
//! (four eyes) → (refused → appealed → back to review, or closed) → closed. The applicant may
//! withdraw at any point before a decision. Any other move is refused with a reason, so no
//! caller can skip a step.

use std::fmt;

/// Who acts on a case, as far as the lifecycle cares: an opaque, stable identifier.
pub type ActorId = String;

/// The decision an officer proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// Grant what was applied for.
    Approve,
    /// Refuse, citing the legal grounds.
    Refuse {
        /// The provisions the refusal rests on.
        grounds: String,
    },
}

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseState {
    /// Being written by the applicant; not yet before the authority.
    Draft,
    /// Filed; waiting for the completeness check.
    Submitted,
    /// Sent back to the applicant to correct.
    ReturnedForCorrection,
    /// Complete and accepted for examination.
    Accepted,
    /// Given to an officer.
    Assigned {
        /// The officer.
        officer: ActorId,
    },
    /// Being examined.
    InReview {
        /// The officer.
        officer: ActorId,
    },
    /// Waiting for the applicant to answer a request for information.
    InformationRequested {
        /// The officer.
        officer: ActorId,
    },
    /// A decision awaits a second officer.
    DecisionProposed {
        /// What is proposed.
        proposal: Proposal,
        /// Who proposed it (who may not confirm it).
        by: ActorId,
    },
    /// Granted.
    Approved,
    /// Refused with legal grounds.
    Refused {
        /// The provisions the refusal rests on.
        grounds: String,
    },
    /// The refusal is under appeal.
    Appealed,
    /// Finished.
    Closed,
    /// Withdrawn by the applicant before a decision.
    Withdrawn,
}

/// Something that happens to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEvent {
    /// The applicant files (or re-files after correction).
    Submit,
    /// The completeness check sends the case back.
    ReturnForCorrection,
    /// The completeness check accepts the case.
    Accept,
    /// A supervisor assigns (or reassigns) the case.
    Assign {
        /// The officer.
        officer: ActorId,
    },
    /// The assigned officer starts the examination.
    StartReview,
    /// The officer asks the applicant for more.
    RequestInformation,
    /// The applicant answers.
    ProvideInformation,
    /// The officer proposes a decision.
    Propose {
        /// What.
        proposal: Proposal,
        /// Who.
        by: ActorId,
    },
    /// A second officer confirms the proposal.
    Confirm {
        /// Who.
        by: ActorId,
    },
    /// A second officer sends the proposal back to examination.
    SendBack {
        /// Who.
        by: ActorId,
    },
    /// The applicant appeals a refusal.
    Appeal,
    /// The appeal body decides: upheld (examine again) or dismissed (closed).
    DecideAppeal {
        /// Whether the appeal succeeds.
        upheld: bool,
    },
    /// The case is closed after its decision took effect.
    Close,
    /// The applicant withdraws.
    Withdraw,
    /// A complete filing of a service that the law decides on filing (registration at place of
    /// stay) is granted at once, without an officer.
    Register,
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The event makes no sense in this state.
    #[error("cannot {event} a case that is {state}")]
    NotAllowed {
        /// The state's name.
        state: &'static str,
        /// The event's name.
        event: &'static str,
    },
    /// The proposing officer tried to confirm or send back their own proposal.
    #[error("a decision must be confirmed by a second officer, not by the one who proposed it")]
    FourEyes,
    /// A refusal without legal grounds.
    #[error("a refusal must state its legal grounds")]
    NoGrounds,
}

impl CaseState {
    /// The state's name, as stored and shown.
    pub fn name(&self) -> &'static str {
        match self {
            CaseState::Draft => "draft",
            CaseState::Submitted => "submitted",
            CaseState::ReturnedForCorrection => "returned_for_correction",
            CaseState::Accepted => "accepted",
            CaseState::Assigned { .. } => "assigned",
            CaseState::InReview { .. } => "in_review",
            CaseState::InformationRequested { .. } => "information_requested",
            CaseState::DecisionProposed { .. } => "decision_proposed",
            CaseState::Approved => "approved",
            CaseState::Refused { .. } => "refused",
            CaseState::Appealed => "appealed",
            CaseState::Closed => "closed",
            CaseState::Withdrawn => "withdrawn",
        }
    }

    /// Whether the applicant may still withdraw (no decision yet).
    pub fn withdrawable(&self) -> bool {
        !matches!(
            self,
            CaseState::Approved
                | CaseState::Refused { .. }
                | CaseState::Appealed
                | CaseState::Closed
                | CaseState::Withdrawn
        )
    }

    /// The state after `event`, or why the move is refused.
    pub fn apply(&self, event: &CaseEvent) -> Result<CaseState, TransitionError> {
        use CaseEvent as E;
        use CaseState as S;
        let next = match (self, event) {
            (S::Draft | S::ReturnedForCorrection, E::Submit) => S::Submitted,
            (S::Submitted, E::ReturnForCorrection) => S::ReturnedForCorrection,
            (S::Submitted, E::Accept) => S::Accepted,
            (S::Submitted, E::Register) => S::Approved,
            (S::Accepted | S::Assigned { .. }, E::Assign { officer }) => {
                S::Assigned { officer: officer.clone() }
            }
            (S::Assigned { officer }, E::StartReview) => S::InReview { officer: officer.clone() },
            (S::InReview { officer }, E::RequestInformation) => {
                S::InformationRequested { officer: officer.clone() }
            }
            (S::InformationRequested { officer }, E::ProvideInformation) => {
                S::InReview { officer: officer.clone() }
            }
            (S::InReview { .. }, E::Propose { proposal, by }) => {
                if matches!(proposal, Proposal::Refuse { grounds } if grounds.trim().is_empty()) {
                    return Err(TransitionError::NoGrounds);
                }
                S::DecisionProposed { proposal: proposal.clone(), by: by.clone() }
            }
            (S::DecisionProposed { by: proposer, proposal }, E::Confirm { by }) => {
                if by == proposer {
                    return Err(TransitionError::FourEyes);
                }
                match proposal {
                    Proposal::Approve => S::Approved,
                    Proposal::Refuse { grounds } => S::Refused { grounds: grounds.clone() },
                }
            }
            (S::DecisionProposed { by: proposer, .. }, E::SendBack { by }) => {
                if by == proposer {
                    return Err(TransitionError::FourEyes);
                }
                S::InReview { officer: proposer.clone() }
            }
            (S::Refused { .. }, E::Appeal) => S::Appealed,
            (S::Appealed, E::DecideAppeal { upheld: true }) => S::Accepted,
            (S::Appealed, E::DecideAppeal { upheld: false }) => S::Closed,
            (S::Approved | S::Refused { .. }, E::Close) => S::Closed,
            (state, E::Withdraw) if state.withdrawable() => S::Withdrawn,
            (state, event) => {
                return Err(TransitionError::NotAllowed { state: state.name(), event: event.name() });
            }
        };
        Ok(next)
    }
}

impl CaseEvent {
    /// The event's name, for messages and the audit trail.
    pub fn name(&self) -> &'static str {
        match self {
            CaseEvent::Submit => "submit",
            CaseEvent::ReturnForCorrection => "return for correction",
            CaseEvent::Accept => "accept",
            CaseEvent::Assign { .. } => "assign",
            CaseEvent::StartReview => "start reviewing",
            CaseEvent::RequestInformation => "request information on",
            CaseEvent::ProvideInformation => "provide information on",
            CaseEvent::Propose { .. } => "propose a decision on",
            CaseEvent::Confirm { .. } => "confirm the decision on",
            CaseEvent::SendBack { .. } => "send back",
            CaseEvent::Appeal => "appeal",
            CaseEvent::DecideAppeal { .. } => "decide the appeal on",
            CaseEvent::Close => "close",
            CaseEvent::Withdraw => "withdraw",
            CaseEvent::Register => "register",
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
