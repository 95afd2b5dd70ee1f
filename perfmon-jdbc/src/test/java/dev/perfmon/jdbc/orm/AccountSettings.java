package dev.perfmon.jdbc.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The owning side of {@link Account#getSettings()}: its {@code account_id} column is unique. */
@Entity
@Table(name = "nplus_account_settings")
public class AccountSettings {

    @Id
    private Long id;

    private String theme;

    @OneToOne
    @JoinColumn(name = "account_id", unique = true)
    private Account account;

    protected AccountSettings() {
    }

    public AccountSettings(long id, String theme, Account account) {
        this.id = id;
        this.theme = theme;
        this.account = account;
    }

    public String getTheme() {
        return theme;
    }
}
