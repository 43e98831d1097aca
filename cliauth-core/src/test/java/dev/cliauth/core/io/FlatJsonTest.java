package dev.cliauth.core.io;

import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.SessionCodec;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FlatJson reads what SessionCodec writes exactly as the full parser does, and where it reads anything at all it reads
 * it as Nimbus does: it may refuse more, never accept more or read differently.
 */
class FlatJsonTest {
    /** Every kind of character a token or name could hold, as Nimbus writes it. */
    static final String AWKWARD = "q\"b\\s/ nl\n cr\r tab\t bs\b ff\f nul\u0000 ctl\u001f del\u007f é ü ß 日本 "
            + "\uD83D\uDE00 lone\uD800 ls\u2028 ps\u2029 <script>&amp;='x'";

    @Test
    void everyFieldSessionCodecWritesComesBackTheSame() throws Exception {
        TokenSet tokens = new TokenSet("at-" + AWKWARD, "DPoP", Optional.of(Instant.ofEpochSecond(4_102_444_800L)), Optional.of("rt-" + AWKWARD),
                Optional.of("id." + AWKWARD), Optional.of("openid " + AWKWARD));
        Session session = new Session("p", URI.create("https://id.example.com/realms/%C3%A9?x"), "client-" + AWKWARD,
                URI.create("https://id.example.com/token"), Optional.of("sub-" + AWKWARD), Optional.of("user-" + AWKWARD),
                "grant-" + AWKWARD, Instant.ofEpochSecond(1_764_150_000L), Optional.of(Instant.ofEpochSecond(1_764_150_100L)), tokens)
                .endedBecause("why-" + AWKWARD);
        String text = SessionCodec.encode(session) + "\n";

        assertThat(SessionCodec.parse("p", "test", text, FlatJson::parse)).isEqualTo(session);
        assertThat(FlatJson.parse(text).fields()).isEqualTo(JsonObject.parse(text).fields());
    }

    @Test
    void aSessionWithOnlyTheRequiredFieldsComesBackTheSame() throws Exception {
        Session session = new Session("p", URI.create("https://id.example.com"), "cli", URI.create("https://id.example.com/token"),
                Optional.empty(), Optional.empty(), "authorization_code+pkce", Instant.EPOCH, Optional.empty(),
                new TokenSet("at", "Bearer", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(SessionCodec.parse("p", "test", SessionCodec.encode(session), FlatJson::parse)).isEqualTo(session);
    }

    @Test
    void valuesAreReadAsNimbusReadsThem() throws Exception {
        String text = " \t\r\n{ \"s\" : \"a\\u00e9\\/\\uD83D\\uDE00\" , \"n\":-0,\"big\":9223372036854775807,\"min\":-9223372036854775808,"
                + "\"t\":true,\"f\":false,\"z\":null,\"\":\"\"}\n ";
        Map<String, Object> expected = new HashMap<>();
        expected.put("s", "aé/\uD83D\uDE00");
        expected.put("n", 0L);
        expected.put("big", Long.MAX_VALUE);
        expected.put("min", Long.MIN_VALUE);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("", "");
        assertThat(FlatJson.parse(text).fields()).isEqualTo(expected).isEqualTo(JsonObject.parse(text).fields());
        assertThat(FlatJson.parse("{}").fields()).isEmpty();
    }

    /** Valid JSON that is not ours: Nimbus reads it, FlatJson leaves it to Nimbus. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":1E3}", "{\"a\":9223372036854775808}",
            "{\"a\":null,\"a\":2}"})
    void validJsonOutsideTheFlatSubsetIsLeftToNimbus(String text) throws Exception {
        JsonObject.parse(text);
        assertThatThrownBy(() -> FlatJson.parse(text)).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "null", "[]", "\"x\"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}",
            "{\"a\":01}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{a:1}", "{'a':1}",
            "{\"a\":'x'}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\u\u0661\u0662\u0663\u0664\"}",
            "{\"a\":\"tab\there\"}", "{\"a\":\"open}", "{}x", "{}{}", "\uFEFF{}", "{\"a\":1}//", "{/*c*/}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "\u00a0{}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\'\"}"})
    void invalidOrForeignTextIsRefused(String text) {
        assertThatThrownBy(() -> FlatJson.parse(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void anErrorNamesThePlaceNeverTheText() {
        assertThatThrownBy(() -> FlatJson.parse("{\"access_token\":\"SECRET\" x}"))
                .isInstanceOf(ParseException.class).message().doesNotContain("SECRET").contains("offset");
    }

    /**
     * Random near-JSON: whatever FlatJson accepts, Nimbus accepts too and reads to an equal map. (Nimbus accepting what
     * FlatJson refuses is allowed: the fast path then falls back to the full path.)
     */
    @Test
    void whateverFlatJsonAcceptsNimbusReadsTheSame() throws Exception {
        Random random = new Random(8);
        String[] pieces = {"{", "}", ",", ":", " ", "\n", "\"a\"", "\"b\"", "\"\\u00e9\"", "\"\\n\"", "\"\\\"\"", "\"é\"", "1", "-1", "0",
                "12", "1.0", "true", "false", "null", "[", "]", "\"", "\\", "x", "e", "-", "\t", "\u0001"};
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            List<String> parts = new ArrayList<>();
            boolean wellFormed = random.nextInt(3) > 0;
            if (wellFormed) {
                parts.add("{");
                int fields = random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    parts.add((f > 0 ? "," : "") + pieces[6 + random.nextInt(6)] + ":" + pieces[6 + random.nextInt(14)]);
                }
                parts.add("}");
                mutate(parts, random, pieces);
            } else {
                for (int p = random.nextInt(8); p >= 0; p--) {
                    parts.add(pieces[random.nextInt(pieces.length)]);
                }
            }
            String text = String.join("", parts);
            JsonObject flat;
            try {
                flat = FlatJson.parse(text);
            } catch (ParseException refused) {
                continue;
            }
            accepted++;
            assertThat(JsonObject.parse(text).fields()).as(text).isEqualTo(flat.fields());
        }
        assertThat(accepted).isGreaterThan(10_000);
    }

    private static void mutate(List<String> parts, Random random, String[] pieces) {
        if (random.nextInt(4) == 0) {
            int at = random.nextInt(parts.size() + 1);
            parts.add(at, pieces[random.nextInt(pieces.length)]);
        }
    }
}
