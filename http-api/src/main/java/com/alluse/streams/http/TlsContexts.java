package com.alluse.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** TLS material for the server connector and for requests forwarded between instances. */
final class TlsContexts {
    private TlsContexts() {}

    static SslContextFactory.Server server(HttpSettings.Tls tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStorePath(tls.keystore().toString());
        factory.setKeyStorePassword(tls.keystorePassword());
        return factory;
    }

    /** Null for plain HTTP; else a context trusting the configured truststore (or the JDK's defaults). */
    static SSLContext client(HttpSettings.Tls tls) {
        if (tls == null) {
            return null;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (tls.truststore() == null) {
                context.init(null, null, null);
                return context;
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(tls.truststore())) {
                trusted.load(
                        in,
                        tls.truststorePassword() == null
                                ? null
                                : tls.truststorePassword().toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot load the TLS truststore " + tls.truststore() + ": " + e.getMessage(), e);
        }
    }
}
