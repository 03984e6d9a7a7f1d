package vn.motcua.reports;

import vn.motcua.core.model.OnlineLevel;

/** An active procedure of the catalogue, for the online-service indicators. */
public record ProcedureFacts(String code, String name, OnlineLevel onlineLevel) {
    public boolean online() {
        return onlineLevel != OnlineLevel.NONE;
    }
}
