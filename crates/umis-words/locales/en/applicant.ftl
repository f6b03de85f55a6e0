## Applying for an e-service
applicant-services-title = Apply for an e-service
applicant-services-lead = Choose the service you want to apply for. You can save your answers and come back later.
applicant-services-none = There are no e-services your account can apply for.
applicant-start-caption = E-service
applicant-start-lead = Use this service to apply online for: { $service }.
applicant-start-who = Who can apply
applicant-start-conditions = Conditions
applicant-start-documents = Documents you need
applicant-start-fees = State duty and decision time
applicant-start-office = Which office should handle your application?
applicant-start-office-hint = Choose the office nearest to where you live or stay.
applicant-start-now = Start now
applicant-start-not-for-role = Your account cannot apply for this service.
applicant-start-sign-in-hint = You need to sign in to apply. Your answers are saved as you go.
applicant-start-sign-in = Sign in to apply
applicant-optional = optional
applicant-fee-tier = Option
applicant-fee-amount = State duty
applicant-fee-deadline = Decision within
applicant-fee-per-days = for each { $days } days of the permit
applicant-fee-depends = The amounts shown are for an adult. The duty depends on the term you ask for, on your age (minors pay less) and, for some permits, on full-time study or on work in the liberated territories; your application shows its own amount before you submit.
applicant-deadline-business_days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}
applicant-deadline-calendar_days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
applicant-deadline-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
applicant-deadline-years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
applicant-tier-standard = Standard
applicant-tier-urgent = Urgent
applicant-tier-fast = Fast
applicant-tier-faster = Faster

## The task list
applicant-task-list-title = Your application
applicant-task-list-saved = Your answers are saved each time you continue, so you can leave and come back later.
applicant-task-list-progress = You have completed { $done }
applicant-task-list-of = of { $total } sections.
applicant-group-form = Your details
applicant-group-evidence = Documents and fee
applicant-group-submit = Apply
applicant-section-personal = Personal details
applicant-section-document = Travel document
applicant-section-contact = Contact details
applicant-section-details = About your application
applicant-status-completed = Completed
applicant-status-incomplete = Incomplete
applicant-status-not-started = Not yet started
applicant-status-cannot-start = Cannot start yet
applicant-returned-title = Your application was returned for correction
applicant-back-to-tasks = Back to your application
applicant-back-to-application = Back to the application
applicant-save-continue = Save and continue
applicant-come-back-later = Return to the application without saving this page
applicant-date-day = Day
applicant-date-month = Month
applicant-date-year = Year
applicant-hint-date = For example, 27 3 1990
applicant-hint-country = The 3-letter code of the country, for example AZE, RUS or TUR
applicant-hint-document_number = Letters and digits as printed in the document, without spaces
applicant-hint-phone = In international form, for example +994501234567
applicant-hint-email = We will send news about your application to this address
applicant-hint-tin = 10 digits
applicant-hint-receipt = The receipt number, for example BAK1-2026-000123-7
applicant-hint-integer = A whole number
applicant-hint-money = An amount in qəpik (1 manat = 100 qəpik)

## Problems with answers
applicant-problem-required = Enter { $field }
applicant-problem-too_long = { $field } is too long
applicant-problem-control_character = { $field } contains characters that are not allowed
applicant-problem-not_a_date = { $field } must be a real date
applicant-problem-not_a_country = { $field } must be a 3-letter country code, like AZE
applicant-problem-not_a_document_number = { $field } must contain only letters A–Z and digits
applicant-problem-already_registered = You have already registered this passport at a place of stay from the same date
applicant-problem-not_a_receipt = { $field } must be a valid receipt number
applicant-problem-not_in_choices = Choose one of the options for { $field }
applicant-problem-not_a_number = { $field } must be a whole number
applicant-problem-out_of_range = { $field } is outside the allowed range
applicant-problem-not_an_email = { $field } must be an email address, like name@example.com
applicant-problem-not_a_phone = { $field } must be a phone number in international form, like +994501234567
applicant-problem-not_a_tin = { $field } must be 10 digits
applicant-problem-out_of_order = { $field } cannot be before the date it follows
applicant-problem-unknown_field = { $field } is not a question of this form
applicant-problem-refused = The application could not be saved. Check your answers and try again.
applicant-problem-empty = The selected file is empty
applicant-problem-too_large = The selected file is too large
applicant-problem-unsupported_type = The selected file must be a PDF, JPG or PNG
applicant-problem-corrupt = The selected file is damaged or incomplete
applicant-problem-too_many_pixels = The selected image is too large; use a smaller photo or scan
applicant-problem-active_content = The selected file contains active content (scripts, links to open or embedded files) and cannot be accepted
applicant-problem-encrypted = The selected PDF is password-protected; upload an unprotected copy
applicant-problem-quota_exceeded = This application already holds the most documents it can
applicant-problem-unknown_document = Choose which document this is
applicant-problem-no_fee_for_term = The law sets no state duty for the term you asked for here: choose another term (1.5 and 2 years are only for work in the liberated territories)
applicant-problem-regime_not_in_force = { $field }: this regime is not in force on the day of filing

## Documents
applicant-documents-title = Documents
applicant-documents-count = { $count ->
    [one] { $count } file uploaded
   *[other] { $count } files uploaded
}
applicant-documents-wanted = Documents this service asks for
applicant-documents-document = Document
applicant-documents-types = File types
applicant-documents-state = Status
applicant-documents-uploaded = Uploaded
applicant-documents-missing = Needed
applicant-documents-none = Not uploaded
applicant-documents-your-files = Your files
applicant-documents-kind = Type
applicant-documents-file-size = Size
applicant-documents-size = { $kib } KB
applicant-documents-when = Uploaded on
applicant-documents-add = Upload a document
applicant-documents-which = Which document is it?
applicant-documents-choose = Choose a document
applicant-documents-file = File
applicant-documents-file-hint = A PDF, JPG or PNG file of at most { $mib } MB
applicant-documents-upload = Upload file
applicant-documents-type-required = Choose which document this is
applicant-documents-file-required = Select a file
applicant-documents-too-large = The selected file must be smaller than { $mib } MB

## Fee
applicant-fee-title = State duty
applicant-fee-hint = The state duty decides how fast your application is decided.
applicant-fee-required = Choose an option

## Check your answers
applicant-check-title = Check your answers before applying
applicant-change = Change
applicant-not-given = Not given
applicant-eligibility-title = Conditions of the service
applicant-eligibility-hint = This is guidance from your answers only. The office makes the decision.
applicant-eligibility-met = Met
applicant-eligibility-not-met = Not met
applicant-eligibility-unknown = Checked by the office
applicant-eligibility-apply-by = apply by { $date }
applicant-declaration-title = Now send your application
applicant-declaration-text = By sending this application you confirm that, to the best of your knowledge, the details you are providing are correct.
applicant-submit = Accept and send

## Confirmation
applicant-confirmation-title = Application sent
applicant-confirmation-receipt = Your receipt number
applicant-confirmation-keep = Keep your receipt number. Anyone can check the status of the application with it.
applicant-confirmation-next = What happens next
applicant-confirmation-next-text = The office checks your application and decides by { $date }.
applicant-confirmation-requests = If the office needs more information, we will tell you and you can answer on the application's page.
applicant-confirmation-follow = Follow your application

## Applications and their status
applicant-list-title = Your applications
applicant-list-new = Apply for an e-service
applicant-list-none = You have no applications yet.
applicant-list-service = Service
applicant-receipt = Receipt number
applicant-status = Status
applicant-submitted = Sent on
applicant-deadline = Decision due by
applicant-decided = Decided on
applicant-grounds = Grounds of the decision
applicant-overdue = Overdue
applicant-status-caption = Application
applicant-request-title = The office asks for more information
applicant-answer-label = Your answer
applicant-answer-hint = If the office asked for a document, upload it first and mention it here.
applicant-answer-send = Send answer
applicant-history-title = History
applicant-issued-title = Issued documents
applicant-issued-number = Number
applicant-issued-kind = Document
applicant-issued-valid = Valid
applicant-issued-file = File
applicant-issued-download = Download PDF
applicant-issued-revoked = Revoked
applicant-issued-permit = Permit
applicant-issued-decision = Decision
applicant-issued-registration = Registration
applicant-issued-certificate = Certificate
applicant-withdraw-link = Withdraw this application
applicant-withdraw-title = Are you sure you want to withdraw this application?
applicant-withdraw-hint = A withdrawn application cannot be sent again; you would need to apply anew.
applicant-withdraw-required = Select yes if you want to withdraw the application
applicant-yes = Yes
applicant-no = No
applicant-state-draft = Draft
applicant-state-submitted = Sent
applicant-state-returned_for_correction = Returned for correction
applicant-state-accepted = Accepted
applicant-state-assigned = Being examined
applicant-state-in_review = Being examined
applicant-state-information_requested = Information requested
applicant-state-decision_proposed = Decision being confirmed
applicant-state-approved = Approved
applicant-state-refused = Refused
applicant-state-appealed = Appealed
applicant-state-closed = Closed
applicant-state-withdrawn = Withdrawn
applicant-state-awaiting_payment = Awaiting payment
applicant-state-lapsed_unpaid = Lapsed: duty unpaid
applicant-state-left_without_consideration = Left without consideration
applicant-state-proceedings_terminated = Proceedings terminated
applicant-state-suspended = Suspended
applicant-state-forwarded = Forwarded for decision
applicant-event-create = Application started
applicant-event-edit = Answers saved
applicant-event-submit = Application sent
applicant-event-withdraw = Application withdrawn
applicant-event-return_for_correction = Returned for correction
applicant-event-accept = Accepted for examination
applicant-event-assign = Given to an officer
applicant-event-start_review = Examination started
applicant-event-request_information = More information requested
applicant-event-provide_information = Information provided
applicant-event-propose = Decision proposed
applicant-event-confirm = Decision made
applicant-event-send_back = Returned to examination
applicant-event-close = Closed
applicant-event-appeal = Appealed
applicant-event-decide_appeal = Appeal decided
applicant-event-identity_check = Identity checked at the counter
applicant-event-fee_taken = Fee paid at the counter
applicant-event-register = Registered
applicant-event-payment_recorded = State duty paid
applicant-event-lapse_unpaid = Lapsed: state duty not paid in time
applicant-event-reply_period_ended = Left without consideration: no answer in time
applicant-event-suspend = Examination suspended
applicant-event-resume = Examination resumed
applicant-event-terminate = Proceedings terminated
applicant-event-extend_deadline = Deadline extended
applicant-event-exempt_from_duty = Exempted from the state duty
applicant-event-forward = Forwarded for decision
applicant-event-record_decree = Decree entered
applicant-event-duty_refunded = State duty refunded
applicant-reply-by = Answer by
applicant-payment-number = Payment number
applicant-duty-amount = State duty
applicant-duty-pay-by = pay by
applicant-stateless-offer = Your citizenship could not be determined: you are documented as a stateless person and may apply for a temporary residence permit as one.
applicant-stateless-apply = Apply for a temporary residence permit
applicant-next-title = What happens next
applicant-next-awaiting_payment = Your application is approved. Pay the state duty of { $amount }, quoting payment number { $number }, by { $date }. Your document is issued once the payment arrives. If it is not paid by then, the grant lapses and no document is issued.
applicant-next-lapsed_unpaid = The state duty was not paid in time, so the grant lapsed on { $date } and no document was issued. You may apply again.
applicant-next-left_without_consideration = You did not answer the office's request in time, so your application was left without consideration. You may apply again.
applicant-next-forwarded = The office has checked your application and forwarded it to the authority that decides it: the President of the Republic decides by decree. You will be told the decree here.
applicant-next-suspended = The examination is suspended while another authority is asked. The deadline stands still meanwhile and moves on by the days it stands.
applicant-next-proceedings_terminated = The proceedings ended without a decision on your application: { $reason }.
applicant-next-refused = You may appeal against the refusal to the appeal board within one month of being notified of it, by filing an appeal with this application's receipt number.
applicant-termination-applicant_left = you have left the country
applicant-termination-applicant_died = the applicant has died
applicant-termination-processing_stopped = processing was stopped (no cooperation, or false information)
applicant-extended = Deadline extended
applicant-extended-value = from { $from } to { $to }. Reason: { $reason }
applicant-interview-on = on { $date }
applicant-interview-interpreter = with an interpreter of { $language }
applicant-interview-held = held on { $date }
applicant-forwarded-on = Forwarded for decision on
applicant-decree = Decree
applicant-decree-granted = Granted by decree No { $number } of { $date }
applicant-decree-refused = Refused by decree No { $number } of { $date }
applicant-event-court_annuls = Refusal annulled by the court
applicant-event-annul_cancellation = Cancellation annulled on appeal
