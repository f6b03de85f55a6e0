# Why a new password was refused (the password rules of umis-core's accounts). Shown on the
# account pages and, in English, in the API's problem details; never repeats the password.

form-problem-password_too_short = the password is too short: use at least { $min } characters
form-problem-password_too_long = the password is too long: use at most { $max } characters
form-problem-password_common = this password is one of the most commonly used passwords; choose another
form-problem-password_context_word = the password must not be your user name, your e-mail name or the name of this service
form-problem-password_trivial = the password is one repeated character or a simple sequence; choose something less predictable
