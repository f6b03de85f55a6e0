//! The closed vocabularies of the interchange formats, each with its wire spelling.

/// Declares a closed vocabulary with its wire spellings, `parse`, `Display` and serde. Other
/// crates (the rules crate's service catalogue) declare their vocabularies with it too; the
/// calling crate needs `serde`.
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in files, the database and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The value for a wire spelling, exactly as written (case-sensitive).
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }

            /// The accepted spellings joined for an error message.
            pub fn expected() -> String {
                [$($wire),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!("{s:?} is not one of {}", $name::expected()))
                })
            }
        }
    };
}

wire_enum! {
    /// Which way a traveller crossed the border.
    Direction { Entry = "entry", Exit = "exit" }
}

wire_enum! {
    /// The legal basis checked at entry; it decides the per-stay limit.
    EntryBasisKind {
        VisaFree = "visa_free",
        EVisa = "e_visa",
        Visa = "visa",
        ResidencePermit = "residence_permit",
        Other = "other",
    }
}

wire_enum! {
    /// The kinds of permit umis knows.
    PermitKind {
        TemporaryResidence = "temporary_residence",
        PermanentResidence = "permanent_residence",
        Work = "work",
        Refugee = "refugee",
        StayExtension = "stay_extension",
        // The asylum-seeker's temporary certificate: issued by umis when a refugee-status claim
        // is registered and ended by the final decision. Not part of the `permits` interchange
        // format, whose records come from the legacy system.
        AsylumSeeker = "asylum_seeker",
    }
}

impl PermitKind {
    /// The kinds the `permits` interchange format carries (`interchange.md`).
    pub fn parse_interchange(s: &str) -> Option<PermitKind> {
        PermitKind::parse(s).filter(|k| *k != PermitKind::AsylumSeeker)
    }

    /// The interchange format's kinds, for error messages.
    pub fn expected_interchange() -> String {
        ["temporary_residence", "permanent_residence", "work", "refugee", "stay_extension"].join(", ")
    }
}

wire_enum! {
    /// Whether a permit still covers its days.
    PermitStatus { Active = "active", Revoked = "revoked" }
}

wire_enum! {
    /// Who filed a registration at place of stay.
    HostKind { Hotel = "hotel", Private = "private", SelfFiled = "self", Other = "other" }
}

wire_enum! {
    /// Sex as printed in a travel document (ICAO 9303).
    Sex { M = "M", F = "F", X = "X" }
}
