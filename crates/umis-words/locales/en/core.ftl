## The frame of every page
service-name = Migration e-services
phase = Demo
phase-text = This is a working system with demonstration data.
language-name = English
language-switcher = Language
menu = Menu
service-information = Service information
skip-to-content = Skip to main content
sign-in = Sign in
sign-out = Sign out
continue = Continue
back = Back
back-home = Go to the start page
notice-title = Done
session-warning-title = You will be signed out soon
session-warning-text = You have been inactive for a while. To protect your information you will be signed out in 2 minutes.
session-warning-stay = Stay signed in
session-notice = For your security you are signed out after 30 minutes without activity.
footer-links = Support links
footer-api = Data exchange (API)
footer-licence = umis is open-source software under the Apache License 2.0.
error-prefix = Error:
error-summary-title = There is a problem

## Navigation
nav-home = Home
nav-status = Application status
nav-stay-calculator = Stay calculator
nav-registration-deadline = Registration deadline
nav-verify = Verify a document
nav-statistics = Statistics
nav-applications = Applications
nav-services = Apply
nav-host-guests = Guests
nav-host-register = Register a guest
nav-host-upload = Upload guests (CSV)
nav-employer-permits = Work permits
nav-employer-employees = Foreign employees
nav-counter = Service counter
nav-office-queue = Work queue
nav-office-findings = Stay control
nav-office-travellers = Traveller search
nav-office-dashboard = Office dashboard

## Roles
role-applicant = Applicant
role-host = Host
role-employer = Employer
role-operator = Service-centre operator
role-officer = Migration officer
role-supervisor = Supervisor
role-refugee_officer = Refugee-status officer
role-border_officer = Border officer
role-auditor = Auditor
role-admin = Administrator
role-border-feed = Border feed
role-payment-gateway = Payment gateway
role-partner-agency = Partner agency

## Error pages
error-not-found-title = Page not found
error-not-found-text = If you typed the web address, check it is correct. If you followed a link, the page or record may not exist or may not be open to you.
error-forbidden-title = You cannot open this page
error-forbidden-text = Your account does not give access to this page. The attempt has been recorded.
error-token-title = The form has expired
error-token-text = The form was not sent from this site or has expired. Go back, reload the page and try again.
error-sign-in-title = Sign in to continue
error-sign-in-text = You need to sign in to open this page.
error-bad-request-title = The request could not be understood
error-bad-request-text = Check what you entered and try again.
error-too-large-title = Too much data
error-too-large-text = What you sent is larger than this page accepts.
error-too-many-title = Too many requests
error-too-many-text = Please wait a little and try again.
error-internal-title = Sorry, there is a problem with the service
error-internal-text = Try again later. What you entered has not been saved.
error-timeout-title = The service is taking too long
error-timeout-text = Your request was stopped after waiting too long. It may or may not have been saved: check before you send it again.

## Start page
home-title = Migration e-services
home-lead = Apply for permits and registration, follow your applications, and check documents — online, in Azerbaijani, English or Russian.
home-sign-in-hint = Sign in or create an account to apply. Anyone can check an application's status, calculate a stay or verify a document without an account.
home-start = Start now
home-create-account = Create an account
home-your-work = Your work
home-services = E-services
home-public-tools = Without an account
home-signed-out = You have signed out.
home-welcome = Your account has been created and you are signed in.

## Signing in
sign-in-title = Sign in
sign-in-password-required = Enter your password
sign-in-refused = The user name or password is not right
sign-in-throttled = Too many attempts. Try again in { $seconds } seconds.
sign-in-expired = You were signed out because you were inactive for 30 minutes. Sign in again to continue.
sign-in-code-title = Enter the code from your authenticator app
sign-in-code-hint = The 6-digit code changes every 30 seconds.
sign-in-code-format = Enter the 6 digits of the code
sign-in-code-refused = The code is not right or has already been used

## Creating an account
account-new-title = Create an account
account-new-role = Who are you?
account-new-role-required = Choose who you are
account-new-role-hint-applicant = A foreigner or stateless person applying for yourself.
account-new-role-hint-host = A hotel, landlord or other host registering guests.
account-new-role-hint-employer = An employer applying for work permits.
account-new-password-hint = At least 15 characters. A phrase of several words is easy to remember and hard to guess.
account-new-password-mismatch = The passwords are not the same
account-new-submit = Create account

## Form fields and problems
field-username = User name
field-password = Password
field-password_again = Password again
field-display_name = Full name
field-email = Email address (optional)
form-required = Enter { $field }
form-too-long = { $field } must be { $max } characters or fewer
form-bad-characters = { $field } contains characters that are not allowed
form-refused = This cannot be done
# A deadline that runs into a year whose public holidays are not loaded yet.
form-beyond-calendar = The business-day calendar covers { $first }–{ $last } only: the deadline of this application runs into { $year }, which cannot be counted until that year's public holidays are loaded. Try again later or contact the office.
form-beyond-calendar-date = Not known yet: the calendar does not cover { $year }

## Dates and counts
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
days-count = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

fee-basis = Basis of the fee
fee-scale-adult = Adult rate
fee-scale-minor = Minor's rate (under 18)
fee-scale-student = Full-time student's rate
fee-basis-periods = { $periods } × { $days } days
