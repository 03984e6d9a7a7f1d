package vn.motcua.store;

import java.util.List;
import java.util.Optional;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.AgencyRepository;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.entity.AgencyEntity;

/** Agencies known to this workstation (reference data from the server). */
public final class JpaAgencyRepository implements AgencyRepository {
    private final LocalCache cache;

    public JpaAgencyRepository(LocalCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<Agency> findByCode(String code) {
        return cache.read(em -> Optional.ofNullable(em.find(AgencyEntity.class, code)).map(Mapping::toModel));
    }

    public void save(Agency agency) {
        cache.inTransaction(em -> em.merge(Mapping.toEntity(agency)));
    }

    public List<Agency> all() {
        return cache.read(em -> em.createQuery("SELECT a FROM AgencyEntity a ORDER BY a.code", AgencyEntity.class).getResultList()
                .stream().map(Mapping::toModel).toList());
    }
}
