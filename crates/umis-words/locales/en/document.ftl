# The printed words of a credential document (umis-credential's PDF): labels, fixed sentences
# and titles. The values (names, numbers, dates) are printed exactly as signed.

document-system = Unified Migration Information System
document-holder = Holder
document-number = Document number
document-birth = Date of birth
document-travel_document = Travel document
document-valid_from = Valid from
document-valid_until = Valid until
document-employer = Employer tax ID
document-issued = Issued on
document-key = Signing key
document-note = Scan the QR code to check this document: its signature proves the data above.
document-grounds = Grounds
document-grounds_note = Note

document-title-temporary_residence = Temporary residence permit
document-title-permanent_residence = Permanent residence permit
document-title-work = Work permit
document-title-refugee = Refugee certificate
document-title-stay_extension = Extension of stay
document-title-citizenship_acquisition = Decision on acquisition of citizenship
document-title-citizenship_restoration = Decision on restoration of citizenship
document-title-place_of_stay = Registration at place of stay

document-type-permit = Permit
document-type-decision = Decision
document-type-registration = Registration
document-type-certificate = Certificate
document-title-refusal = Decision on refusal
