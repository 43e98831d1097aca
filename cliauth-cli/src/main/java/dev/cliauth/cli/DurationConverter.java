package dev.cliauth.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 5m}, {@code 1h}, {@code 1m30s}, or plain seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(v)), value);
        }
        Matcher m = FORM.matcher(v);
        if (v.isEmpty() || !m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write it like 90s, 5m or 1h");
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) {
            d = d.plusHours(Long.parseLong(m.group(1)));
        }
        if (m.group(2) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            d = d.plusSeconds(Long.parseLong(m.group(3)));
        }
        return positive(d, value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is zero; give a positive duration like 90s or 5m");
        }
        return d;
    }
}
