//! The case lifecycle: every state against every event, as data, plus the paths a case takes.

#![expect(clippy::panic, reason = "test code: a wrong transition should stop the test")]

use umis_domain::case_state::{
    CaseEvent as E, CaseState as S, Grounds, Party, Proposal, StateName, Step, TransitionError,
};

/// Grounds citing `codes`, with no note.
fn g(codes: &[&str]) -> Grounds {
    Grounds { codes: codes.iter().map(|c| a(c)).collect(), note: None }
}

fn a(s: &str) -> String {
    s.to_owned()
}

fn states() -> Vec<S> {
    vec![
        S::Draft,
        S::Submitted,
        S::ReturnedForCorrection,
        S::Accepted,
        S::Assigned { officer: a("o1") },
        S::InReview { officer: a("o1") },
        S::InformationRequested { officer: a("o1") },
        S::DecisionProposed { proposal: Proposal::Approve, by: a("o1") },
        S::Approved,
        S::Refused { grounds: g(&["false_information"]) },
        S::Appealed,
        S::Closed,
        S::Withdrawn,
        S::AwaitingPayment,
        S::LapsedUnpaid,
        S::LeftWithoutConsideration,
        S::ProceedingsTerminated,
        S::Suspended { officer: a("o1") },
        S::Forwarded,
    ]
}

fn events() -> Vec<E> {
    vec![
        E::Submit,
        E::ReturnForCorrection,
        E::Accept,
        E::Assign { officer: a("o2") },
        E::StartReview,
        E::RequestInformation,
        E::ProvideInformation,
        E::Propose { proposal: Proposal::Approve, by: a("o1") },
        E::Confirm { by: a("o2") },
        E::SendBack { by: a("o2") },
        E::Appeal,
        E::DecideAppeal { upheld: false },
        E::AnnulByCourt,
        E::Close,
        E::Withdraw,
        E::Register,
        E::AwaitPayment,
        E::RecordPayment,
        E::Lapse,
        E::ReplyPeriodEnds,
        E::Suspend,
        E::Resume,
        E::Terminate,
        E::ExtendDeadline,
        E::ExemptFromDuty,
        E::Forward,
        E::Interview,
    ]
}

/// Every allowed (state, event) pair and where it leads; everything else must be refused.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("draft", "submit", "submitted"),
    ("draft", "withdraw", "withdrawn"),
    ("submitted", "return for correction", "returned_for_correction"),
    ("submitted", "accept", "accepted"),
    ("submitted", "register", "approved"),
    ("submitted", "withdraw", "withdrawn"),
    ("returned_for_correction", "submit", "submitted"),
    ("returned_for_correction", "withdraw", "withdrawn"),
    ("accepted", "assign", "assigned"),
    ("accepted", "withdraw", "withdrawn"),
    ("assigned", "assign", "assigned"),
    ("assigned", "start reviewing", "in_review"),
    ("assigned", "withdraw", "withdrawn"),
    ("in_review", "request information on", "information_requested"),
    ("in_review", "propose a decision on", "decision_proposed"),
    ("in_review", "withdraw", "withdrawn"),
    ("information_requested", "provide information on", "in_review"),
    ("information_requested", "withdraw", "withdrawn"),
    ("decision_proposed", "confirm the decision on", "approved"),
    ("decision_proposed", "send back", "in_review"),
    ("decision_proposed", "withdraw", "withdrawn"),
    ("approved", "close", "closed"),
    ("refused", "appeal", "appealed"),
    ("refused", "close", "closed"),
    // A court annuls a refusal that stood (under no complaint, or after one was dismissed).
    ("refused", "annul by court", "accepted"),
    ("closed", "annul by court", "accepted"),
    ("appealed", "decide the appeal on", "closed"),
    // Administrative procedure (review 2026-12 §4).
    ("approved", "await payment on", "awaiting_payment"),
    ("awaiting_payment", "record a payment on", "approved"),
    ("awaiting_payment", "lapse", "lapsed_unpaid"),
    ("information_requested", "end the reply period of", "left_without_consideration"),
    ("in_review", "suspend", "suspended"),
    ("suspended", "resume", "in_review"),
    ("suspended", "withdraw", "withdrawn"),
    ("in_review", "extend the deadline of", "in_review"),
    ("in_review", "exempt from duty", "in_review"),
    ("in_review", "record an interview on", "in_review"),
    ("in_review", "forward", "forwarded"),
    ("forwarded", "propose a decision on", "decision_proposed"),
    ("submitted", "terminate", "proceedings_terminated"),
    ("returned_for_correction", "terminate", "proceedings_terminated"),
    ("accepted", "terminate", "proceedings_terminated"),
    ("assigned", "terminate", "proceedings_terminated"),
    ("in_review", "terminate", "proceedings_terminated"),
    ("information_requested", "terminate", "proceedings_terminated"),
    ("decision_proposed", "terminate", "proceedings_terminated"),
    ("suspended", "terminate", "proceedings_terminated"),
];

#[test]
fn every_state_against_every_event() {
    let mut allowed_seen = 0;
    for state in states() {
        for event in events() {
            let expected = ALLOWED.iter().find(|(s, e, _)| *s == state.name() && *e == event.name());
            match (state.apply(&event), expected) {
                (Ok(next), Some((_, _, to))) => {
                    assert_eq!(next.name(), *to, "{state} + {}", event.name());
                    allowed_seen += 1;
                }
                (Err(TransitionError::NotAllowed { .. }), None) => {}
                (got, want) => panic!("{state} + {}: got {got:?}, expected {want:?}", event.name()),
            }
        }
    }
    assert_eq!(allowed_seen, ALLOWED.len(), "every allowed move was exercised");
}

#[test]
fn a_decision_needs_a_second_officer_and_a_refusal_needs_grounds() {
    let review = S::InReview { officer: a("o1") };
    let refuse = |grounds: Grounds| E::Propose { proposal: Proposal::Refuse { grounds }, by: a("o1") };
    assert_eq!(review.apply(&refuse(g(&[]))), Err(TransitionError::NoGrounds));
    // A note alone is not a ground: a refusal cites at least one coded ground.
    let note_only = Grounds { codes: Vec::new(), note: Some(a("Migration Code Art. 46.1.3")) };
    assert_eq!(review.apply(&refuse(note_only)), Err(TransitionError::NoGrounds));
    let cited = Grounds { codes: vec![a("false_information")], note: Some(a("forged lease")) };
    let proposed = review.apply(&refuse(cited.clone())).unwrap_or(S::Draft);
    assert_eq!(proposed.apply(&E::Confirm { by: a("o1") }), Err(TransitionError::FourEyes));
    assert_eq!(proposed.apply(&E::SendBack { by: a("o1") }), Err(TransitionError::FourEyes));
    assert_eq!(proposed.apply(&E::Confirm { by: a("o2") }), Ok(S::Refused { grounds: cited }));
    assert_eq!(proposed.apply(&E::SendBack { by: a("o2") }), Ok(S::InReview { officer: a("o1") }));
}

#[test]
fn the_paths_a_case_takes() {
    let run = |events: &[E]| events.iter().try_fold(S::Draft, |s, e| s.apply(e)).map(|s| s.name());
    let start = [
        E::Submit,
        E::ReturnForCorrection,
        E::Submit,
        E::Accept,
        E::Assign { officer: a("o1") },
        E::StartReview,
    ];
    let approve =
        [E::Propose { proposal: Proposal::Approve, by: a("o1") }, E::Confirm { by: a("o2") }, E::Close];
    let mut path = start.to_vec();
    path.extend([E::RequestInformation, E::ProvideInformation]);
    path.extend(approve.clone());
    assert_eq!(run(&path), Ok("closed"));
    let mut appeal = start.to_vec();
    appeal.extend([
        E::Propose { proposal: Proposal::Refuse { grounds: g(&["conditions_not_met"]) }, by: a("o1") },
        E::Confirm { by: a("o2") },
        E::Appeal,
        E::DecideAppeal { upheld: true },
        E::Assign { officer: a("o3") },
        E::StartReview,
    ]);
    appeal.extend([E::Propose { proposal: Proposal::Approve, by: a("o3") }, E::Confirm { by: a("o1") }]);
    assert_eq!(run(&appeal), Ok("approved"), "an upheld appeal is examined again");
    assert_eq!(
        run(&[E::Submit, E::Withdraw, E::Submit]).map_err(|e| e.to_string()),
        Err("cannot submit a case that is withdrawn".to_owned())
    );
}

/// The event a step offered to `id` would become.
fn event_of(step: Step, id: &str) -> E {
    match step {
        Step::Submit => E::Submit,
        Step::Withdraw => E::Withdraw,
        Step::ReturnForCorrection => E::ReturnForCorrection,
        Step::Accept => E::Accept,
        Step::Assign => E::Assign { officer: a(id) },
        Step::StartReview => E::StartReview,
        Step::RequestInformation => E::RequestInformation,
        Step::ProvideInformation => E::ProvideInformation,
        Step::Propose => E::Propose { proposal: Proposal::Approve, by: a(id) },
        Step::Confirm => E::Confirm { by: a(id) },
        Step::SendBack => E::SendBack { by: a(id) },
        Step::Close => E::Close,
        Step::Suspend => E::Suspend,
        Step::Resume => E::Resume,
        Step::Terminate => E::Terminate,
        Step::ExtendDeadline => E::ExtendDeadline,
        Step::ExemptFromDuty => E::ExemptFromDuty,
        Step::Forward => E::Forward,
        Step::RecordDecree => E::Propose { proposal: Proposal::Approve, by: a(id) },
        Step::ScheduleInterview | Step::RecordInterview => E::Interview,
    }
}

#[test]
fn every_step_offered_is_one_the_state_machine_takes() {
    let parties = [
        Party { id: "filer", filer: true, staff: false, assigns_others: false },
        Party { id: "o1", filer: false, staff: true, assigns_others: false },
        Party { id: "o2", filer: false, staff: true, assigns_others: false },
        Party { id: "sup", filer: false, staff: true, assigns_others: true },
        Party { id: "stranger", filer: false, staff: false, assigns_others: false },
    ];
    for state in states() {
        for party in &parties {
            for step in state.allowed_steps(party) {
                assert_eq!(step.by_filer(), party.filer, "{state}: {step} offered to {}", party.id);
                let event = event_of(step, party.id);
                assert!(state.apply(&event).is_ok(), "{state}: {step} offered to {} but refused", party.id);
            }
        }
    }
    let stranger = &parties[4];
    assert!(states().iter().all(|s| s.allowed_steps(stranger).is_empty()), "no relation, no step");
}

#[test]
fn the_lifecycle_answers_its_questions_once() {
    let mine = Party { id: "o1", filer: false, staff: true, assigns_others: false };
    let other = Party { id: "o2", filer: false, staff: true, assigns_others: false };
    let proposed = S::DecisionProposed { proposal: Proposal::Approve, by: a("o1") };
    assert!(proposed.allowed_steps(&mine).is_empty(), "four eyes: the proposer is offered nothing");
    assert_eq!(proposed.allowed_steps(&other), vec![Step::Confirm, Step::SendBack]);
    let assigned = S::Assigned { officer: a("o1") };
    assert_eq!(assigned.allowed_steps(&mine), vec![Step::StartReview]);
    assert_eq!(assigned.allowed_steps(&other), vec![Step::Assign], "another officer may take it");
    // Open: filed and undecided; an appealed case is decided (the appeal is a case of its own).
    let open: Vec<&str> = StateName::open().map(StateName::as_str).collect();
    assert_eq!(
        open,
        [
            "submitted",
            "returned_for_correction",
            "accepted",
            "assigned",
            "in_review",
            "information_requested",
            "decision_proposed",
            "suspended"
        ]
    );
    // A draft may be withdrawn: withdrawal is allowed until a decision.
    let filer = Party { id: "filer", filer: true, staff: false, assigns_others: false };
    assert_eq!(S::Draft.allowed_steps(&filer), vec![Step::Submit, Step::Withdraw]);
    for s in states() {
        assert_eq!(StateName::parse(s.name()), Some(s.state_name()), "the wire name round-trips");
        assert_eq!(s.withdrawable(), s.apply(&E::Withdraw).is_ok());
    }
}

#[test]
fn a_grant_with_duty_after_the_decision_takes_effect_only_on_payment() {
    let proposed = S::DecisionProposed { proposal: Proposal::Approve, by: a("o1") };
    let awaiting = proposed
        .apply(&E::Confirm { by: a("o2") })
        .and_then(|s| s.apply(&E::AwaitPayment))
        .unwrap_or(S::Draft);
    assert_eq!(awaiting, S::AwaitingPayment);
    let name = awaiting.state_name();
    assert!(name.decided() && !name.is_open() && !name.withdrawable(), "the decision is taken");
    assert_eq!(awaiting.apply(&E::RecordPayment), Ok(S::Approved));
    assert_eq!(awaiting.apply(&E::Lapse), Ok(S::LapsedUnpaid));
    assert!(S::LapsedUnpaid.apply(&E::RecordPayment).is_err(), "a lapsed grant is not revived by paying");
    assert!(S::Approved.apply(&E::Lapse).is_err(), "a paid grant never lapses");
}

#[test]
fn the_clock_stops_while_the_applicant_or_another_authority_must_act() {
    let stopped: Vec<&str> =
        StateName::ALL.iter().filter(|s| s.clock_stopped()).map(|s| s.as_str()).collect();
    assert_eq!(stopped, ["information_requested", "suspended"]);
    let suspended = S::InReview { officer: a("o1") }.apply(&E::Suspend).unwrap_or(S::Draft);
    assert_eq!(suspended.officer(), Some("o1"), "the suspended case stays with its officer");
    assert!(suspended.state_name().is_open() && suspended.state_name().held_by_officer());
    let mine = Party { id: "o1", filer: false, staff: true, assigns_others: false };
    assert_eq!(suspended.allowed_steps(&mine), vec![Step::Resume, Step::Terminate]);
    let other = Party { id: "o2", filer: false, staff: true, assigns_others: false };
    assert!(suspended.allowed_steps(&other).is_empty(), "only its officer resumes it");
    for ended in [S::LeftWithoutConsideration, S::ProceedingsTerminated, S::Forwarded, S::LapsedUnpaid] {
        assert!(ended.state_name().decided(), "{ended}: no office deadline runs any more");
        assert!(ended.apply(&E::Terminate).is_err(), "{ended}: nothing left to terminate");
    }
}
