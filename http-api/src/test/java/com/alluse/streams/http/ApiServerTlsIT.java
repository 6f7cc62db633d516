package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS with a keystore generated at test time by the JDK's keytool. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiServerTlsIT {
    private static final String PASSWORD = "changeit";
    private static final String ALIAS = "alluse";

    @TempDir
    static Path dir;

    private static Path keystore;
    private static ApiServer api;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void startHttpsServer() throws Exception {
        keystore = dir.resolve("ks.p12");
        keytool(keystore);
        HttpSettings local = HttpSettings.local("127.0.0.1", 0);
        api = ApiServer.start(
                new HttpSettings(
                        local.bindHost(),
                        0,
                        local.advertisedHost(),
                        HttpSettings.Tokens.of(Map.of("admin-token", Role.ADMIN)),
                        new HttpSettings.Tls(keystore, PASSWORD, null, null),
                        local.forwardTimeout(),
                        local.commandResultTimeout(),
                        local.consistencyWait(),
                        local.maxLedgerPageSize(),
                        local.maxWaitingCommands(),
                        local.idempotencyRetention(),
                        null,
                        local.requestLimits()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void healthAnswersOverHttpsToAClientTrustingTheKeystore() throws Exception {
        HttpResponse<String> response =
                trustingClient().send(request("https", "/health/live"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
        assertThat(response.sslSession())
                .hasValueSatisfying(session -> assertThat(session.getProtocol()).startsWith("TLS"));
    }

    @Test
    void protectedRoutesStillNeedATokenOverHttps() throws Exception {
        HttpResponse<String> response =
                trustingClient().send(request("https", "/instances"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(ApiServer.PROBLEM_JSON));
    }

    @Test
    void plainHttpOnTheHttpsPortFails() {
        HttpClient plain = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        assertThatThrownBy(() -> {
                    HttpResponse<String> response =
                            plain.send(request("http", "/health/live"), HttpResponse.BodyHandlers.ofString());
                    // A TLS port may answer plaintext with an error page; it must never serve the resource.
                    assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
                    throw new IOException("plaintext refused with HTTP " + response.statusCode());
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        assertThatThrownBy(
                        () -> untrusting.send(request("https", "/health/live"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static HttpRequest request(String scheme, String path) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static HttpClient trustingClient() throws IOException, GeneralSecurityException {
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            generated.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, generated.getCertificate(ALIAS));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void keytool(Path target) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-alias",
                        ALIAS,
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        target.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD,
                        "-validity",
                        "2"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        assertThat(target).exists();
    }
}
