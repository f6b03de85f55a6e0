## The supervisor's dashboard.

supervisor-title = Office { $office }: dashboard
supervisor-open-total = { $n ->
    [one] { $n } open case (asylum cases are not included).
   *[other] { $n } open cases (asylum cases are not included).
}
supervisor-overdue = Cases past their statutory deadline
supervisor-overdue-none = No open case is past its deadline.
supervisor-overdue-more = More cases are overdue than are listed here; the longest overdue are shown first.
supervisor-receipt = Receipt number
supervisor-service = Service
supervisor-status = Status
supervisor-officer = Officer
supervisor-due = Deadline
supervisor-days-over = Days overdue
supervisor-unassigned = Not assigned
supervisor-workload = Workload
supervisor-by-state = Open cases by status
supervisor-by-state-desc = Bar chart of the office's open cases in each status. The same figures are in the table below.
supervisor-by-officer = Open cases by officer
supervisor-cases = Cases
supervisor-overdue-count = Overdue
supervisor-none = None.
supervisor-in-time = Decided within the statutory deadline, last 12 months
supervisor-in-time-desc = Bar chart of the share of each service's decisions made within the statutory deadline. The same figures are in the table below.
supervisor-decided = Decisions
supervisor-within = Within the deadline
supervisor-share = Share
supervisor-median = Median time
supervisor-state-submitted = Submitted
supervisor-state-accepted = Accepted
supervisor-state-returned_for_correction = Returned for correction
supervisor-state-information_requested = Information requested
supervisor-state-assigned = Assigned
supervisor-state-in_review = In review
supervisor-state-decision_proposed = Decision proposed
supervisor-state-suspended = Suspended
supervisor-state-appealed = Appealed
