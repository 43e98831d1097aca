package dev.cliauth.core.policy;

/** The policy's {@code device_flow} setting: where the device authorization grant (RFC 8628) may run. */
public enum DeviceFlowRule {
    /** Never: {@code --device} is refused. */
    NEVER("never"),
    /**
     * Only with {@code --device}, and only where no browser can be used (SSH, containers, cloud IDEs without one):
     * where a browser can sign in, the phishable flow is refused even when asked for.
     */
    HEADLESS_ONLY("headless-only"),
    /** Only when the person asks for it with {@code --device} (the default). */
    EXPLICIT("explicit"),
    /** Also chosen by itself in headless places: SSH sessions, containers, cloud IDEs. */
    HEADLESS("headless");

    private final String value;

    DeviceFlowRule(String value) {
        this.value = value;
    }

    /** The value as written in the policy file. */
    public String value() {
        return value;
    }
}
