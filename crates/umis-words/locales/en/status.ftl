# The public status vocabulary: the one answer of a status lookup by receipt number and date of
# birth, and the text of a status notification. Nothing else about a case is said in public or
# by e-mail.

status-received = Your application has been received and is waiting to be examined.
status-action_needed = We need more information or a correction from you. Please sign in.
status-in_progress = Your application is being examined.
status-approved = Your application has been approved. You can download your document after signing in.
status-refused = Your application has been refused. The decision and how to appeal are in your account.
status-under_appeal = Your appeal against the decision is being examined.
status-withdrawn = The application was withdrawn.
status-awaiting_payment = Your application has been approved. Pay the state duty with the payment number in your account.
status-left_without_consideration = The application was left without consideration: the information asked for did not arrive in time.
status-forwarded = Your application has been forwarded to the authority that decides it.
status-deadline_extended = The period for deciding your application has been extended. The new date is in your account.
status-closed = The case is closed.
status-not_found = No application was found with this number and date of birth.
status-subject = Application { $receipt }: status changed
