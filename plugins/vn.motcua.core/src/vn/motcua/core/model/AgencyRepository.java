package vn.motcua.core.model;

import java.util.Optional;

/** Agencies and their identifiers, implemented by the persistence layer (codes are data, never hard-coded). */
public interface AgencyRepository {
    Optional<Agency> findByCode(String code);
}
