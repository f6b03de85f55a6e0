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
        /// A member of the appeal board at headquarters: decides complaints against the acts of
        /// every office (refusals, cancellations, missed deadlines) and records their court stage.
        AppealBoard = "appeal_board",
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

/// The named groups of roles. Every access rule of umis (the route tables of the web layer,
/// the object-level rules of the core) is written with one of these or with one role, so that a
/// group such as "office staff" is defined here once and nowhere restated.
/// Declares `fn name(self) -> bool` for membership of a role group, one line a group.
macro_rules! member_of {
    ($($(#[$doc:meta])* $name:ident => $group:ident),+ $(,)?) => {
        $(
            $(#[$doc])*
            pub fn $name(self) -> bool {
                Role::$group.contains(&self)
            }
        )+
    };
}

impl Role {
    /// Every human role: everyone who signs in with an account.
    pub const PEOPLE: &'static [Role] = &[
        Role::Applicant,
        Role::Host,
        Role::Employer,
        Role::Operator,
        Role::Officer,
        Role::Supervisor,
        Role::RefugeeOfficer,
        Role::AppealBoard,
        Role::BorderOfficer,
        Role::Auditor,
        Role::Admin,
    ];
    /// Roles anyone may take by creating an account; they file for themselves, their guests or
    /// their employees.
    pub const SELF_SERVICE: &'static [Role] = &[Role::Applicant, Role::Host, Role::Employer];
    /// Roles that file applications: the self-service roles and the service-centre operator.
    pub const FILERS: &'static [Role] = &[Role::Applicant, Role::Host, Role::Employer, Role::Operator];
    /// Office staff who examine and decide cases and work the office's findings queue.
    pub const DECIDERS: &'static [Role] = &[Role::Officer, Role::Supervisor, Role::RefugeeOfficer];
    /// The superior body that decides appeals: never the office whose act is challenged.
    pub const APPEAL_DECIDERS: &'static [Role] = &[Role::AppealBoard];
    /// Who works cases at a desk: the office's deciders and the appeal board (which works the
    /// appeals with the same pages and steps).
    pub const CASE_WORKERS: &'static [Role] =
        &[Role::Officer, Role::Supervisor, Role::RefugeeOfficer, Role::AppealBoard];
    /// Parties to a case: those who file it, those who decide it and those who decide appeals.
    pub const CASE_PARTIES: &'static [Role] = &[
        Role::Applicant,
        Role::Host,
        Role::Employer,
        Role::Operator,
        Role::Officer,
        Role::Supervisor,
        Role::RefugeeOfficer,
        Role::AppealBoard,
    ];
    /// Who may look a traveller up: the deciders and border officers.
    pub const TRAVELLER_SEARCHERS: &'static [Role] =
        &[Role::Officer, Role::Supervisor, Role::RefugeeOfficer, Role::BorderOfficer];
    /// Staff of the authority: they belong to an office and must use a second factor.
    pub const STAFF: &'static [Role] = &[
        Role::Operator,
        Role::Officer,
        Role::Supervisor,
        Role::RefugeeOfficer,
        Role::AppealBoard,
        Role::BorderOfficer,
        Role::Auditor,
        Role::Admin,
    ];
    /// Machine clients, which hold API tokens instead of accounts.
    pub const MACHINES: &'static [Role] = &[Role::BorderFeed, Role::PaymentGateway, Role::PartnerAgency];

    member_of! {
        /// Whether the role is one of [`Role::STAFF`].
        is_staff => STAFF,
        /// Whether the role is one of [`Role::SELF_SERVICE`].
        self_service => SELF_SERVICE,
        /// Whether the role is one of [`Role::MACHINES`].
        is_machine => MACHINES,
        /// Whether the role is one of [`Role::DECIDERS`].
        decides_cases => DECIDERS,
        /// Whether the role is one of [`Role::APPEAL_DECIDERS`].
        decides_appeals => APPEAL_DECIDERS,
        /// Whether the role is one of [`Role::TRAVELLER_SEARCHERS`].
        looks_up_travellers => TRAVELLER_SEARCHERS,
    }

    /// Whether the role reads and works asylum (sensitive) cases: refugee-status officers only.
    pub fn works_sensitive_cases(self) -> bool {
        self == Role::RefugeeOfficer
    }

    /// Whether the role assigns cases to any officer of its office (others take them only for
    /// themselves): supervisors.
    pub fn assigns_cases(self) -> bool {
        self == Role::Supervisor
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn the_groups_are_consistent() {
        let people: Vec<Role> = Role::ALL.iter().copied().filter(|r| !r.is_machine()).collect();
        assert_eq!(people, Role::PEOPLE);
        for group in [Role::SELF_SERVICE, Role::FILERS, Role::DECIDERS, Role::CASE_PARTIES, Role::STAFF] {
            assert!(group.iter().all(|r| Role::PEOPLE.contains(r)), "{group:?}");
        }
        assert!(Role::SELF_SERVICE.iter().all(|r| Role::FILERS.contains(r)));
        let parties: Vec<Role> =
            Role::FILERS.iter().chain(Role::DECIDERS).chain(Role::APPEAL_DECIDERS).copied().collect();
        assert_eq!(parties, Role::CASE_PARTIES);
        assert!(Role::DECIDERS.iter().all(|r| Role::TRAVELLER_SEARCHERS.contains(r) && r.is_staff()));
        assert!(Role::works_sensitive_cases(Role::RefugeeOfficer) && Role::RefugeeOfficer.decides_cases());
        // The superior body is staff, and never also the office that decides the act.
        assert!(Role::APPEAL_DECIDERS.iter().all(|r| r.is_staff() && !r.decides_cases()));
        let workers: Vec<Role> = Role::DECIDERS.iter().chain(Role::APPEAL_DECIDERS).copied().collect();
        assert_eq!(workers, Role::CASE_WORKERS);
    }
}
