# Notices sent to people about an act concerning them. A cancellation notice names the document,
# the coded grounds (the catalogue's words and article) and how to appeal.

notice-cancellation-subject = Application { $receipt }: your document { $number } has been cancelled
notice-cancellation-intro = Your document { $number } has been cancelled from { $date } on these grounds:
notice-cancellation-appeal = You may appeal against the cancellation to the appeal board of the migration authority within { $period } of receiving this notice: in your account, apply for "{ $service }" and give the receipt number { $receipt }. The appeal board's decision may then be challenged in court.
notice-period-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
notice-period-years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
notice-period-calendar_days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
notice-period-business_days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}
