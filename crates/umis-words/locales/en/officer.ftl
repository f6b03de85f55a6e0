## Officers: work queue
officer-queue-title = Work queue
officer-queue-lead = Your office's cases, the nearest deadline first.
officer-queue-filters = Filter cases
officer-queue-service = Service
officer-queue-any-service = Any service
officer-queue-state = Status
officer-queue-any-state = Any status
officer-queue-show = Show only
officer-queue-mine = Cases assigned to me
officer-queue-overdue-only = Overdue cases
officer-queue-apply = Apply filters
officer-queue-clear = Clear filters
officer-queue-counts = Open cases at your office
officer-queue-no-open = There are no open cases.
officer-queue-total = All open cases
officer-queue-overdue-count = { $count } overdue
officer-queue-cases = Cases by deadline
officer-queue-shown = { $count ->
    [one] { $count } case on this page
   *[other] { $count } cases on this page
}
officer-queue-none = There are no cases in the queue.
officer-queue-none-filtered = No cases match these filters.
officer-queue-pages = Pages of the queue
officer-queue-first = First page
officer-queue-next = Next page

## Shared words
officer-receipt = Receipt number
officer-service = Service
officer-status = Status
officer-submitted = Submitted
officer-deadline = Deadline
officer-overdue = Overdue
officer-office = Office
officer-fee = Fee
officer-fee-paid = paid
officer-fee-unpaid = not paid
officer-held-by = Officer
officer-proposal = Proposed decision
officer-outcome = Outcome
officer-grounds = Legal grounds
officer-decided = Decided on
officer-number = Document number
officer-case = Case
officer-issued-on = Issued on
officer-valid = Valid
officer-yes = Yes
officer-no = No
officer-warning = Warning
officer-cancel = Cancel

## States
officer-state-draft = Draft
officer-state-submitted = Submitted
officer-state-returned_for_correction = Returned for correction
officer-state-accepted = Accepted
officer-state-assigned = Assigned
officer-state-in_review = In review
officer-state-information_requested = Information requested
officer-state-decision_proposed = Decision proposed
officer-state-approved = Approved
officer-state-refused = Refused
officer-state-appealed = Appealed
officer-state-closed = Closed
officer-state-withdrawn = Withdrawn
officer-state-awaiting_payment = Awaiting payment
officer-state-lapsed_unpaid = Lapsed: duty unpaid
officer-state-left_without_consideration = Left without consideration
officer-state-proceedings_terminated = Proceedings terminated
officer-state-suspended = Suspended
officer-state-forwarded = Forwarded for decision

## The case page
officer-case-title = Case { $receipt }
officer-back-to-queue = Back to the work queue
officer-contents = On this page
officer-actions = What you can do
officer-no-actions = There is nothing to do on this case now.
officer-waiting-officer = The case is with another officer.
officer-waiting-filer = The case is waiting for the applicant.
officer-application = Application
officer-documents = Documents
officer-no-documents = No documents were uploaded.
officer-document = Document
officer-file-type = File
officer-uploaded = Uploaded
officer-download = Download { $name }
officer-kilobytes = { $size } KB
officer-eligibility = Eligibility
officer-eligible = Every rule is met
officer-not-eligible = Not every rule is met
officer-no-rules = This service has no eligibility rules.
officer-milestones = Procedure deadlines
officer-stays = Stays in the country
officer-traveller = Travel document: { $document }
officer-no-traveller = The application does not name a travel document, or stay control has no record of it.
officer-presence = Today
officer-presence-present = In the country
officer-presence-absent = Not in the country
officer-presence-unknown = No border crossings recorded
officer-lawful-today = Lawfully present today
officer-records = Records
officer-crossings = { $count ->
    [one] { $count } border crossing
   *[other] { $count } border crossings
}
officer-permits = { $count ->
    [one] { $count } permit
   *[other] { $count } permits
}
officer-registrations = { $count ->
    [one] { $count } registration
   *[other] { $count } registrations
}
officer-stays-table = Stays worked out by the stay engine
officer-entry = Entry
officer-last-day = Last day
officer-basis = Basis of entry
officer-limit = { $count ->
    [one] limit { $count } day
   *[other] limit { $count } days
}
officer-lawful-days = Lawful days
officer-overstay-days = Days over the limit
officer-still-inside = still in the country
officer-dropped = not counted
officer-trace = How the stays were worked out
officer-earlier = Other cases of this person
officer-no-earlier = There are no other cases for this travel document at your office.
officer-issued = Issued documents
officer-no-issued = No documents have been issued on this case.
officer-issued-permit = Permit
officer-issued-decision = Decision
officer-issued-registration = Registration
officer-issued-certificate = Certificate
officer-in-force = In force
officer-revoke-link = Revoke { $number }
officer-revoked-on = Revoked on { $date }
officer-history = History
officer-when = When
officer-what = What happened
officer-who = Who

## Steps on a case
officer-accept-title = The application is complete
officer-accept-text = Accept it if every required document is there and the fee is settled.
officer-accept = Accept the application
officer-return-note = What must the applicant correct?
officer-return-hint = The applicant sees this text.
officer-return = Return for correction
officer-assign-to = Assign the case to
officer-choose-officer = Choose an officer
officer-assign = Assign
officer-assign-title = Take the case
officer-assign-me = Assign to me
officer-start-review-title = Start examining the case
officer-start-review = Start review
officer-propose-title = Propose a decision
officer-decision-approve = Approve
officer-decision-refuse = Refuse
officer-outcome-hint = What the decision establishes.
officer-outcome-recognised = Recognised as a citizen
officer-outcome-not_recognised = Not recognised as a citizen
officer-outcome-undetermined = Could not be determined (stateless)
officer-grounds-hint = Tick every ground of the Code the refusal rests on. Required to refuse.
officer-grounds-note = Further reasons (optional)
officer-grounds-note-hint = Adds to the grounds ticked; it does not replace them.
officer-propose = Propose the decision
officer-request-note = Ask the applicant for information
officer-request-hint = Say exactly what is needed. The applicant sees this text.
officer-request = Request information
officer-own-proposal = You proposed this decision. A second officer must confirm it or send it back.
officer-confirm-title = Confirm the proposed decision
officer-confirm-text = As the second officer you confirm the decision; it then takes effect.
officer-confirm = Confirm the decision
officer-send-back-note = Why are you sending the proposal back? (optional)
officer-send-back = Send back to review
officer-close-title = Close the case
officer-close = Close the case
officer-reload = Reload the case

## Done
officer-done-accept = The application has been accepted.
officer-done-return_for_correction = The application has been returned to the applicant for correction.
officer-done-assign = The case has been assigned.
officer-done-start_review = You have started reviewing the case.
officer-done-request_information = The request for information has been sent to the applicant.
officer-done-propose = Your proposed decision is waiting for a second officer.
officer-done-confirm = The decision has been confirmed.
officer-done-send_back = The proposal has been sent back to review.
officer-done-close = The case has been closed.

## Problems
officer-error-stale = The case has changed since you opened it. Reload the case and try again.
officer-error-four-eyes = You proposed this decision, so another officer must confirm it or send it back.
officer-error-grounds-required = Choose at least one of the legal grounds for refusing
officer-error-grounds-unknown = Choose the grounds from the list of this service
officer-error-not-allowed = This step is not possible in the case's current status. Reload the case.
officer-error-forbidden = Only the officer the case is assigned to can do this.
officer-error-choose-officer = Choose an officer of this office
officer-error-choose-decision = Choose whether to approve or refuse
officer-error-choose-outcome = Choose the outcome of the decision
officer-error-note-required = Enter the text
officer-error-too-long = The text must be { $max } characters or fewer

## History
officer-event-create = Application started
officer-event-edit = Application edited
officer-event-submit = Application submitted
officer-event-withdraw = Application withdrawn
officer-event-return_for_correction = Returned for correction
officer-event-accept = Accepted
officer-event-assign = Assigned
officer-event-start_review = Review started
officer-event-request_information = Information requested
officer-event-provide_information = Information provided
officer-event-propose = Decision proposed
officer-event-confirm = Decision confirmed
officer-event-send_back = Sent back to review
officer-event-close = Closed
officer-event-appeal = Appealed
officer-event-decide_appeal = Appeal decided

## Revoking a document
officer-revoke-title = Revoke document { $number }
officer-revoke-check-title = Check before you revoke { $number }
officer-revoke-reason = Further reasons (optional)
officer-revoke-reason-hint = The holder sees this text with the grounds. At most 1,000 characters.
officer-revoke-warning = Once a second officer confirms, the document stops being valid at once: verification shows it as revoked, a permit no longer counts in stay control, and the holder is notified and may appeal.
officer-revoke-confirm = Confirm the cancellation
officer-revoke-change = Change the grounds
officer-revoke-already = The document has already been revoked.
officer-revoked-notice = Document { $number } has been revoked.
officer-back-to-case = Back to case { $receipt }
officer-queue-state-hint = Without a status the queue shows the cases still to be decided.
officer-event-identity_check = Identity checked at the counter
officer-event-fee_taken = Fee paid at the counter
officer-event-register = Registered
officer-event-payment_recorded = State duty paid
officer-event-lapse_unpaid = Lapsed: state duty not paid in time
officer-event-reply_period_ended = Left without consideration: no answer in time
officer-event-suspend = Examination suspended
officer-event-resume = Examination resumed
officer-event-terminate = Proceedings terminated
officer-event-extend_deadline = Deadline extended
officer-event-exempt_from_duty = Exempted from the state duty
officer-event-forward = Forwarded for decision
officer-event-record_decree = Decree entered
officer-event-duty_refunded = State duty refunded
officer-cancel-pending-title = Cancellation of { $number } awaits confirmation
officer-cancel-grounds = Grounds of cancellation
officer-cancel-grounds-hint = Tick every ground of the Code the cancellation rests on.
officer-cancel-grounds-required = Choose at least one ground of cancellation
officer-cancel-propose = Propose the cancellation
officer-cancel-send-back = Send the proposal back
officer-cancel-own = You proposed this cancellation: another officer must confirm it or send it back.
officer-cancel-proposed-notice = The cancellation of document { $number } is proposed; a second officer must confirm it.
