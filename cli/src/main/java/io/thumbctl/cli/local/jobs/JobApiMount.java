package io.thumbctl.cli.local.jobs;

import jakarta.servlet.http.HttpServlet;
import org.gaul.s3proxy.S3Proxy;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Serves the job API next to s3proxy on the same host and port, as S3 Control and S3 share
 * {@code --endpoint-url}. s3proxy 4.1 maps its S3 servlet to {@code /*} in a servlet context of its
 * embedded (shaded) Jetty and offers no hook to add another; this adds the job API's servlet to
 * that same context under {@code /v20180820/*}, which the servlet rules route before {@code /*}.
 * The context is reached through S3Proxy's private {@code server} field, before the server starts;
 * everything past that field is public Jetty API, called by name so that no shaded class name
 * appears here. If a later s3proxy changes its insides, {@link #mount} says so at start-up.
 */
public final class JobApiMount {

    /** Requests under this path go to the job API. */
    public static final String PATH = JobApiServlet.ROOT + "/*";

    private JobApiMount() {
    }

    /** @throws IllegalStateException when s3proxy's insides are not as expected */
    public static void mount(S3Proxy proxy, HttpServlet servlet) {
        mount(proxy, servlet, PATH);
    }

    /** Serves {@code servlet} at {@code path} (a servlet mapping) in s3proxy's servlet context, before it starts. */
    public static void mount(S3Proxy proxy, HttpServlet servlet, String path) {
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Object handler = field.get(proxy);
            // Server -> GracefulHandler -> ServletContextHandler: walk the wrappers to the servlet context.
            for (int depth = 0; handler != null && depth < 8; depth++) {
                Method addServlet = method(handler.getClass(), "addServlet", HttpServlet.class, String.class);
                if (addServlet != null) {
                    addServlet.invoke(handler, servlet, path);
                    return;
                }
                Method getHandler = method(handler.getClass(), "getHandler");
                handler = getHandler == null ? null : getHandler.invoke(handler);
            }
            throw new IllegalStateException("no servlet context found behind s3proxy's server");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot add the S3 Batch Operations job API to s3proxy "
                    + "(built for s3proxy 4.1.0): " + cause, cause);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
