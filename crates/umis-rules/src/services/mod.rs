//! The catalogue of e-services: forms, documents, fees, deadlines, eligibility and outcomes, as data.
