package io.thumbctl.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into {@code thumbctl-version.properties} at build time. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/thumbctl-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[]{"thumbctl " + props.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
