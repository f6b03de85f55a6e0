//! The one lifecycle every e-service case follows, as an explicit state machine.
//!
//! draft → submitted → (returned for correction → submitted) → accepted → assigned → in review
//! ⇄ information requested → decision proposed → approved or refused, each by a second officer
//! (four eyes) → (refused → appealed → back to review, or closed) → closed. The applicant may
//! withdraw at any point before a decision. Any other move is refused with a reason, so no
//! caller can skip a step.
//!
//! Administrative procedure adds the states the Migration Code and the law on administrative
//! proceedings know (review 2026-12 §4): a grant whose state duty is paid after the decision
//! waits for payment (approved → awaiting payment → approved on payment, or lapsed unpaid); an
//! information request left unanswered past its reply period leaves the application without
//! consideration; the examination may be suspended while another authority is asked (and
//! resumed); proceedings are terminated when the applicant left or died; a citizenship case is
//! forwarded to the Presidential Commission instead of being decided here.

use std::fmt;

mod steps;

pub use steps::{Party, Step};

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
        grounds: Grounds,
    },
}

/// The legal grounds of a refusal: coded grounds of the service (the catalogue says which codes
/// a service may cite; appeals and statistics read them), and a note that only adds to them.
/// A refusal decided before grounds were coded keeps its text as the note, with no codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grounds {
    /// The codes of the grounds cited.
    pub codes: Vec<String>,
    /// Free text added to the codes.
    pub note: Option<String>,
}

crate::wire_enum! {
    /// A state's name, as stored in the database and sent in JSON: where a case stands without
    /// the officer or the proposal the state carries. The lifecycle's questions that do not need
    /// those (is the case open? may the filer still edit it?) are answered here, once.
    StateName {
        Draft = "draft",
        Submitted = "submitted",
        ReturnedForCorrection = "returned_for_correction",
        Accepted = "accepted",
        Assigned = "assigned",
        InReview = "in_review",
        InformationRequested = "information_requested",
        DecisionProposed = "decision_proposed",
        Approved = "approved",
        Refused = "refused",
        Appealed = "appealed",
        Closed = "closed",
        Withdrawn = "withdrawn",
        AwaitingPayment = "awaiting_payment",
        LapsedUnpaid = "lapsed_unpaid",
        LeftWithoutConsideration = "left_without_consideration",
        ProceedingsTerminated = "proceedings_terminated",
        Suspended = "suspended",
        Forwarded = "forwarded",
    }
}

impl StateName {
    /// Whether the case waits for the office or the filer: filed and not yet decided. A draft
    /// is not before the authority yet; an appealed case is decided (its appeal is a case of
    /// its own). Work queues, dashboards and statistics all count this set.
    pub fn is_open(self) -> bool {
        !self.decided() && self != StateName::Draft
    }

    /// Whether a decision was taken or the case ended without one (no deadline runs any more).
    /// A forwarded case is out of the office's hands (the President decides), so the office's
    /// deadline no longer runs either.
    pub fn decided(self) -> bool {
        matches!(
            self,
            StateName::Approved
                | StateName::Refused
                | StateName::Appealed
                | StateName::Closed
                | StateName::Withdrawn
                | StateName::AwaitingPayment
                | StateName::LapsedUnpaid
                | StateName::LeftWithoutConsideration
                | StateName::ProceedingsTerminated
                | StateName::Forwarded
        )
    }

    /// Whether the statutory clock stands still in this state: the applicant must act, or
    /// another authority is asked. The days it stands are added to the deadline on resuming.
    pub fn clock_stopped(self) -> bool {
        matches!(self, StateName::InformationRequested | StateName::Suspended)
    }

    /// Whether the filer may still change the form and the fee.
    pub fn editable(self) -> bool {
        matches!(self, StateName::Draft | StateName::ReturnedForCorrection)
    }

    /// Whether the filer may add documents: while editing, or when the office asks for more.
    pub fn accepts_documents(self) -> bool {
        self.editable() || self == StateName::InformationRequested
    }

    /// Whether the applicant may still withdraw: any time before a decision, a draft included
    /// (the law lets an application be withdrawn until it is decided; a draft withdrawn is
    /// simply never filed).
    pub fn withdrawable(self) -> bool {
        !self.decided()
    }

    /// Whether the case waits for the filer (to correct it or to answer a question).
    pub fn waits_for_filer(self) -> bool {
        matches!(self, StateName::ReturnedForCorrection | StateName::InformationRequested)
    }

    /// Whether the state names an officer who holds the case (assigned, examining, asking,
    /// proposing): what an officer's workload counts.
    pub fn held_by_officer(self) -> bool {
        matches!(
            self,
            StateName::Assigned
                | StateName::InReview
                | StateName::InformationRequested
                | StateName::DecisionProposed
                | StateName::Suspended
        )
    }

    /// Whether a refusal stands in this state (its grounds are final and shown to the filer).
    pub fn refusal_final(self) -> bool {
        matches!(self, StateName::Refused | StateName::Appealed | StateName::Closed)
    }

    /// Every open state, in declaration order (for queries that count or list open cases).
    pub fn open() -> impl Iterator<Item = StateName> {
        StateName::ALL.iter().copied().filter(|s| s.is_open())
    }

    /// Whether the statutory clock runs: open, and not standing still. Only such a case can be
    /// overdue; one waiting for the applicant or another authority is not.
    pub fn clock_running(self) -> bool {
        self.is_open() && !self.clock_stopped()
    }

    /// Every state whose clock runs (for queries that list or count overdue cases).
    pub fn clock_runs() -> impl Iterator<Item = StateName> {
        StateName::ALL.iter().copied().filter(|s| s.clock_running())
    }
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
        grounds: Grounds,
    },
    /// The refusal is under appeal.
    Appealed,
    /// Finished.
    Closed,
    /// Withdrawn by the applicant before a decision.
    Withdrawn,
    /// Granted; the state duty is due against a payment number before the grant takes effect.
    AwaitingPayment,
    /// The grant lapsed: its duty was not paid in time.
    LapsedUnpaid,
    /// The applicant did not answer a request for information within the reply period.
    LeftWithoutConsideration,
    /// Ended without a decision on the merits (the applicant left the country or died; refugee
    /// processing stopped).
    ProceedingsTerminated,
    /// Examination stands still awaiting another authority (a security check, a court).
    Suspended {
        /// The officer who holds the case and resumes it.
        officer: ActorId,
    },
    /// Forwarded to the authority that decides (citizenship: the Presidential Commission).
    Forwarded,
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
    /// A court annuls the refusal after the appeal body dismissed the complaint: the case is
    /// examined again.
    AnnulByCourt,
    /// The case is closed after its decision took effect.
    Close,
    /// The applicant withdraws.
    Withdraw,
    /// A complete filing of a service that the law decides on filing (registration at place of
    /// stay) is granted at once, without an officer.
    Register,
    /// A grant whose duty is paid after the decision waits for the payment.
    AwaitPayment,
    /// The duty of a grant was paid: the grant takes effect.
    RecordPayment,
    /// The payment period ended unpaid: the grant lapses.
    Lapse,
    /// The reply period of a request for information ended unanswered.
    ReplyPeriodEnds,
    /// The examining officer suspends the examination awaiting another authority.
    Suspend,
    /// The examination resumes.
    Resume,
    /// Proceedings are terminated without a decision on the merits.
    Terminate,
    /// The examining officer extends the deadline (the state does not change).
    ExtendDeadline,
    /// The examining officer records that the case is exempt from the state duty.
    ExemptFromDuty,
    /// The examining officer forwards the case to the deciding authority.
    Forward,
    /// The examining officer schedules an interview, or records one as held (refugee status;
    /// the state does not change).
    Interview,
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
    /// A refusal that cites no coded ground (a note alone is not enough).
    #[error("a refusal must cite at least one coded legal ground")]
    NoGrounds,
}

impl CaseState {
    /// The state's name, as stored and sent.
    pub fn state_name(&self) -> StateName {
        match self {
            CaseState::Draft => StateName::Draft,
            CaseState::Submitted => StateName::Submitted,
            CaseState::ReturnedForCorrection => StateName::ReturnedForCorrection,
            CaseState::Accepted => StateName::Accepted,
            CaseState::Assigned { .. } => StateName::Assigned,
            CaseState::InReview { .. } => StateName::InReview,
            CaseState::InformationRequested { .. } => StateName::InformationRequested,
            CaseState::DecisionProposed { .. } => StateName::DecisionProposed,
            CaseState::Approved => StateName::Approved,
            CaseState::Refused { .. } => StateName::Refused,
            CaseState::Appealed => StateName::Appealed,
            CaseState::Closed => StateName::Closed,
            CaseState::Withdrawn => StateName::Withdrawn,
            CaseState::AwaitingPayment => StateName::AwaitingPayment,
            CaseState::LapsedUnpaid => StateName::LapsedUnpaid,
            CaseState::LeftWithoutConsideration => StateName::LeftWithoutConsideration,
            CaseState::ProceedingsTerminated => StateName::ProceedingsTerminated,
            CaseState::Suspended { .. } => StateName::Suspended,
            CaseState::Forwarded => StateName::Forwarded,
        }
    }

    /// The state's name as text, as stored and shown.
    pub fn name(&self) -> &'static str {
        self.state_name().as_str()
    }

    /// Whether the applicant may still withdraw (no decision yet).
    pub fn withdrawable(&self) -> bool {
        self.state_name().withdrawable()
    }

    /// The officer the state names: who holds, examines or proposed the case.
    pub fn officer(&self) -> Option<&str> {
        match self {
            CaseState::Assigned { officer }
            | CaseState::InReview { officer }
            | CaseState::InformationRequested { officer }
            | CaseState::Suspended { officer }
            | CaseState::DecisionProposed { by: officer, .. } => Some(officer),
            _ => None,
        }
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
                if matches!(proposal, Proposal::Refuse { grounds } if grounds.codes.is_empty()) {
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
            (S::Refused { .. } | S::Closed, E::AnnulByCourt) => S::Accepted,
            (S::Approved | S::Refused { .. }, E::Close) => S::Closed,
            (state, E::Withdraw) if state.withdrawable() => S::Withdrawn,
            (state, event) => return state.apply_procedure(event),
        };
        Ok(next)
    }

    /// The administrative-procedure moves: payment after the decision, the clock's stops and
    /// ends, termination and forwarding.
    fn apply_procedure(&self, event: &CaseEvent) -> Result<CaseState, TransitionError> {
        use CaseEvent as E;
        use CaseState as S;
        let next = match (self, event) {
            (S::Approved, E::AwaitPayment) => S::AwaitingPayment,
            (S::AwaitingPayment, E::RecordPayment) => S::Approved,
            (S::AwaitingPayment, E::Lapse) => S::LapsedUnpaid,
            (S::InformationRequested { .. }, E::ReplyPeriodEnds) => S::LeftWithoutConsideration,
            (S::InReview { officer }, E::Suspend) => S::Suspended { officer: officer.clone() },
            (S::Suspended { officer }, E::Resume) => S::InReview { officer: officer.clone() },
            (S::InReview { .. }, E::ExtendDeadline | E::ExemptFromDuty | E::Interview) => self.clone(),
            (S::InReview { .. }, E::Forward) => S::Forwarded,
            // The decision taken elsewhere (a presidential decree) is entered by one officer and
            // confirmed by a second, like the office's own.
            (S::Forwarded, E::Propose { proposal, by }) => {
                S::DecisionProposed { proposal: proposal.clone(), by: by.clone() }
            }
            (state, E::Terminate) if state.state_name().is_open() => S::ProceedingsTerminated,
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
            CaseEvent::AnnulByCourt => "annul by court",
            CaseEvent::Close => "close",
            CaseEvent::Withdraw => "withdraw",
            CaseEvent::Register => "register",
            CaseEvent::AwaitPayment => "await payment on",
            CaseEvent::RecordPayment => "record a payment on",
            CaseEvent::Lapse => "lapse",
            CaseEvent::ReplyPeriodEnds => "end the reply period of",
            CaseEvent::Suspend => "suspend",
            CaseEvent::Resume => "resume",
            CaseEvent::Terminate => "terminate",
            CaseEvent::ExtendDeadline => "extend the deadline of",
            CaseEvent::ExemptFromDuty => "exempt from duty",
            CaseEvent::Forward => "forward",
            CaseEvent::Interview => "record an interview on",
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
