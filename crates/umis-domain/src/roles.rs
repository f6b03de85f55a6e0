//! Who acts in umis: the roles of people and of machine clients.

crate::wire_enum! {
    /// The role an account or API token holds. Each account holds exactly one.
    Role {
        /// A foreigner or stateless person, or their representative.
        Applicant = "applicant",
        /// A hotel, hostel, landlord or other host registering guests.
        Host = "host",
        /// An employer applying for work permits.
        Employer = "employer",
        /// A service-centre operator filing on behalf of a person at the counter.
        Operator = "operator",
        /// A migration officer examining cases.
        Officer = "officer",
        /// A supervisor: assigns cases, sees the office's workload.
        Supervisor = "supervisor",
        /// An officer assigned to refugee-status work (the only staff who read asylum cases).
        RefugeeOfficer = "refugee_officer",
        /// A border officer: checks a traveller's status at the border.
        BorderOfficer = "border_officer",
        /// An auditor: reads audit metadata, never case bodies.
        Auditor = "auditor",
        /// An administrator: manages accounts and offices.
        Admin = "admin",
        /// Machine client: the interagency entry-exit system's feed.
        BorderFeed = "border-feed",
        /// Machine client: the payment gateway's callbacks.
        PaymentGateway = "payment-gateway",
        /// Machine client: a partner agency's system.
        PartnerAgency = "partner-agency",
    }
}

impl Role {
    /// Staff of the authority: they belong to an office and must use a second factor.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Operator
                | Role::Officer
                | Role::Supervisor
                | Role::RefugeeOfficer
                | Role::BorderOfficer
                | Role::Auditor
                | Role::Admin
        )
    }

    /// Roles anyone may take by creating an account.
    pub fn self_service(self) -> bool {
        matches!(self, Role::Applicant | Role::Host | Role::Employer)
    }

    /// Machine clients, which hold API tokens instead of accounts.
    pub fn is_machine(self) -> bool {
        matches!(self, Role::BorderFeed | Role::PaymentGateway | Role::PartnerAgency)
    }

    /// Staff who examine and decide cases.
    pub fn decides_cases(self) -> bool {
        matches!(self, Role::Officer | Role::Supervisor | Role::RefugeeOfficer)
    }
}
