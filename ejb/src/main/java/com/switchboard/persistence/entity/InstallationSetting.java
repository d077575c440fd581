package com.switchboard.persistence.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A value that belongs to the installation as a whole and must be the same on every node (e.g. signing keys). */
@Entity
@Table(name = "installation_setting")
public class InstallationSetting {

    @Id
    private String name;

    @Column(name = "setting")
    private String value;

    protected InstallationSetting() {
    }

    public InstallationSetting(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public void change(String value) {
        this.value = value;
    }

    public String getValue() {
        return value;
    }
}
