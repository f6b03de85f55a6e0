//! Which steps a person may take on a case now: the lifecycle's answer to "what can I do
//! here?", given once so that the pages and the API show it and never restate it.
//!
//! A step listed here is one the state machine accepts for this person; the use cases still
//! check it when the step is taken (the state may have moved on since it was shown).

use super::{CaseState, StateName};

crate::wire_enum! {
    /// A step someone takes on a case, spelled as the API's `action`.
    Step {
        Submit = "submit",
        Withdraw = "withdraw",
        ReturnForCorrection = "return_for_correction",
        Accept = "accept",
        Assign = "assign",
        StartReview = "start_review",
        RequestInformation = "request_information",
        ProvideInformation = "provide_information",
        Propose = "propose",
        Confirm = "confirm",
        SendBack = "send_back",
        Close = "close",
        Suspend = "suspend",
        Resume = "resume",
        Terminate = "terminate",
        ExtendDeadline = "extend_deadline",
        ExemptFromDuty = "exempt_from_duty",
        Forward = "forward",
        RecordDecree = "record_decree",
        ScheduleInterview = "schedule_interview",
        RecordInterview = "record_interview",
    }
}

impl Step {
    /// Whether the filer takes this step (the others are the office's).
    pub fn by_filer(self) -> bool {
        matches!(self, Step::Submit | Step::Withdraw | Step::ProvideInformation)
    }
}

/// How a person stands to one case, as far as the lifecycle cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party<'a> {
    /// Their actor id (compared with the officer the state names).
    pub id: &'a str,
    /// They filed the case (or file it for its holder).
    pub filer: bool,
    /// They may work on the case as staff of its office.
    pub staff: bool,
    /// They may give the case to another officer (a supervisor).
    pub assigns_others: bool,
}

impl CaseState {
    /// The steps `party` may take now, in the order a page offers them.
    pub fn allowed_steps(&self, party: &Party<'_>) -> Vec<Step> {
        let mut out = Vec::new();
        let name = self.state_name();
        if party.filer {
            if name.editable() {
                out.push(Step::Submit);
            }
            if name == StateName::InformationRequested {
                out.push(Step::ProvideInformation);
            }
        }
        if party.staff {
            out.extend(self.office_steps(party));
        }
        if party.filer && name.withdrawable() {
            out.push(Step::Withdraw);
        }
        out
    }

    /// The office's steps: the one holding the case examines it; a second officer confirms.
    fn office_steps(&self, party: &Party<'_>) -> Vec<Step> {
        let mine = self.officer() == Some(party.id);
        match self {
            CaseState::Assigned { .. } => {
                // Anyone may take a case held by someone else; only a supervisor hands it on.
                let mut v = Vec::new();
                if party.assigns_others || !mine {
                    v.push(Step::Assign);
                }
                if mine {
                    v.push(Step::StartReview);
                }
                v
            }
            CaseState::InReview { .. } if mine => vec![
                Step::RequestInformation,
                Step::Propose,
                Step::Forward,
                Step::Suspend,
                Step::ExtendDeadline,
                Step::ExemptFromDuty,
                Step::ScheduleInterview,
                Step::RecordInterview,
                Step::Terminate,
            ],
            CaseState::Suspended { .. } if mine => vec![Step::Resume, Step::Terminate],
            CaseState::Forwarded => vec![Step::RecordDecree],
            // Proceedings end for reasons outside the file (the applicant left or died): the
            // office may record that while nobody examines the case yet.
            CaseState::Submitted => vec![Step::Accept, Step::ReturnForCorrection, Step::Terminate],
            CaseState::Accepted => vec![Step::Assign, Step::Terminate],
            // Four eyes: the proposer neither confirms nor sends back their own proposal.
            CaseState::DecisionProposed { .. } if !mine => vec![Step::Confirm, Step::SendBack],
            CaseState::Approved | CaseState::Refused { .. } => vec![Step::Close],
            _ => Vec::new(),
        }
    }
}
