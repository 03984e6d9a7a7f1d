package vn.motcua.core.model;

import java.time.LocalDate;
import java.util.Optional;

/** The procedure catalogue, implemented by the persistence layer. Versions are never overwritten. */
public interface ProcedureRepository {
    /** The exact version a dossier pinned. */
    Optional<Procedure> find(String code, int version);

    /** The version in force on {@code date} (latest {@code effectiveDate <= date}), used at reception. */
    Optional<Procedure> findInForce(String code, LocalDate date);

    /** Stores a new version; the pair code + version must be new. */
    void save(Procedure procedure);
}
