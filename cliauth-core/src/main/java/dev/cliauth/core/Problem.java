package dev.cliauth.core;

import java.net.URI;
import java.util.Objects;

/**
 * Why no token could be had, as a value: each front end words it for its own user — the command with its flags
 * ({@code cliauth login --profile work}), the library with its builder — instead of the core naming either. The
 * {@link #message()} here is the plain statement both start from; it never holds a token or secret.
 */
public sealed interface Problem {

    /** What kind of failure this is (one exit code each). */
    Failure failure();

    /** The profile it concerns. */
    String profile();

    /** One line, naming no command or flag. */
    String message();

    /** Whether a new sign-in by a person would make it go away (not a refusal by policy, not a wrong caller). */
    default boolean curedBySignIn() {
        return failure() == Failure.LOGIN_REQUIRED || this instanceof NotBound;
    }

    /** No session is stored for the profile (or the profile itself does not exist). */
    record NotSignedIn(String profile) implements Problem {
        @Override
        public Failure failure() {
            return Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            return "Not signed in (profile " + profile + ").";
        }
    }

    /** The provider ended the session (its refresh token was rejected). */
    record SessionEnded(String profile, String reason) implements Problem {
        @Override
        public Failure failure() {
            return Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            return "The session for profile " + profile + " has ended (" + reason + ").";
        }
    }

    /** The access token expired and there is no refresh token. */
    record SessionExpired(String profile) implements Problem {
        @Override
        public Failure failure() {
            return Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            return "The session for profile " + profile + " has expired.";
        }
    }

    /** The stored session was made for another issuer or client than the profile names now (it was reconfigured). */
    record OtherProvider(String profile, URI sessionIssuer, String sessionClient, URI profileIssuer, String profileClient) implements Problem {
        public OtherProvider {
            Objects.requireNonNull(sessionIssuer);
            Objects.requireNonNull(profileIssuer);
        }

        @Override
        public Failure failure() {
            return Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            boolean sameIssuer = sessionIssuer.equals(profileIssuer);
            return "The session for profile " + profile + " was made for " + (sameIssuer ? "client " + sessionClient : sessionIssuer)
                    + ", but the profile now names " + (sameIssuer ? "client " + profileClient : profileIssuer) + "; it is not handed out.";
        }
    }

    /**
     * Tokens must be bound to a key (DPoP) — by the administrator's policy, or the profile — and the stored session's
     * are not; a new sign-in binds them.
     *
     * @param origin where the requirement comes from: "policy /etc/cliauth/policy.toml (require_dpop)", or "the profile"
     */
    record NotBound(String profile, String origin, boolean byPolicy) implements Problem {
        @Override
        public Failure failure() {
            return byPolicy ? Failure.REFUSED : Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            return "The session for profile " + profile + " holds bearer tokens, but " + origin
                    + " requires tokens bound to a key (DPoP); they are not handed out.";
        }
    }

    /**
     * The administrator's policy forbids it: one line naming the file and the setting.
     *
     * @param setting the policy key, e.g. {@code allowed_issuers}
     * @param origin  "policy /etc/cliauth/policy.toml"
     * @param detail  what was refused, e.g. "issuer https://other.example.com is not allowed"
     */
    record PolicyRefused(String profile, String setting, String origin, String detail) implements Problem {
        @Override
        public Failure failure() {
            return Failure.REFUSED;
        }

        @Override
        public String message() {
            return detail + " by " + origin + " (" + setting + "); nothing was sent.";
        }
    }

    /** The session's tokens are bound to a key (DPoP), and the caller ({@code kube-credential}, {@code git-credential}) can send only bearer tokens. */
    record BearerOnly(String profile, String caller) implements Problem {
        @Override
        public Failure failure() {
            return Failure.CONFIGURATION;
        }

        @Override
        public String message() {
            return "The access token of profile " + profile + " is bound to a key (DPoP, RFC 9449), and " + caller
                    + " can send only bearer tokens; use a profile without DPoP for it.";
        }
    }

    /** An ID token was asked for, and the session holds none: the provider issues none (GitHub), or 'openid' was not asked for. */
    record NoIdToken(String profile, URI issuer) implements Problem {
        @Override
        public Failure failure() {
            return Failure.CONFIGURATION;
        }

        @Override
        public String message() {
            return "The session of profile " + profile + " holds no ID token: " + issuer + " issued none (GitHub issues none; others do"
                    + " when the scope includes openid). Use the access token instead.";
        }
    }

    /**
     * The provider would not issue a token for the resource or scope asked for with the session's refresh token.
     *
     * @param target what was asked: "resource https://api.example.com" or "scope \"api:read\""
     * @param reason the provider's answer
     */
    record TargetRefused(String profile, String target, String reason) implements Problem {
        @Override
        public Failure failure() {
            return Failure.LOGIN_REQUIRED;
        }

        @Override
        public String message() {
            return "The provider would not give profile " + profile + " a token for " + target + " with its refresh token (" + reason
                    + "); a new sign-in asking for it is needed.";
        }
    }
}
