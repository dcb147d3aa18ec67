package io.thumbctl.cli.local.jobs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * S3 Control's job API on local mode's endpoint: {@code POST /v20180820/jobs} (CreateJob),
 * {@code GET /v20180820/jobs/{id}} (DescribeJob) and {@code GET /v20180820/jobs} (ListJobs), in
 * S3 Control's wire format, so the AWS SDKs and CLI work against it unchanged. The account is the
 * {@code x-amz-account-id} header, as on AWS; the signature is not checked (local mode accepts any
 * credentials). Other S3 Control operations answer NotImplemented.
 */
final class JobApiServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(JobApiServlet.class);
    static final String ROOT = "/v20180820";
    private static final String JOBS = ROOT + "/jobs";
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_RESULTS = 1000;

    private final transient LocalJobs jobs;

    JobApiServlet(LocalJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        response.setHeader("x-amz-request-id", requestId);
        try {
            String path = request.getRequestURI();
            String account = request.getHeader("x-amz-account-id");
            if (JOBS.equals(path) && "POST".equals(request.getMethod())) {
                byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    throw JobApiException.invalid("the request body is larger than " + MAX_BODY + " bytes");
                }
                answer(response, 200, JobXml.created(jobs.create(CreateJobXml.parse(body, account)).id()));
            } else if (JOBS.equals(path) && "GET".equals(request.getMethod())) {
                list(request, response, requireAccount(account));
            } else if (path.startsWith(JOBS + "/") && "GET".equals(request.getMethod())) {
                String id = path.substring(JOBS.length() + 1);
                LocalJob.View job = jobs.describe(requireAccount(account), id).orElseThrow(() -> new JobApiException(
                        404, "NotFoundException", "no job " + id + " in account " + account));
                answer(response, 200, JobXml.described(job, LocalJobs.REGION));
            } else {
                throw new JobApiException(501, "NotImplemented", "thumbctl local answers CreateJob, DescribeJob and "
                        + "ListJobs of S3 Control, not " + request.getMethod() + " " + path);
            }
        } catch (JobApiException e) {
            // The caller reads it in the answer; local mode's own output need not repeat it.
            LOG.debug("{} {}: {} {}", request.getMethod(), request.getRequestURI(), e.code(), e.getMessage());
            answer(response, e.status(), JobXml.error(e.code(), e.getMessage(), requestId));
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response, String account) throws IOException {
        Set<String> statuses = new LinkedHashSet<>();
        String[] given = request.getParameterValues("jobStatuses");
        if (given != null) {
            // The SDK repeats the parameter; other clients join the values with commas.
            Arrays.stream(given).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                    .filter(s -> !s.isEmpty()).forEach(statuses::add);
        }
        long max = number(request.getParameter("maxResults"), MAX_RESULTS, "maxResults");
        long from = number(request.getParameter("nextToken"), 0, "nextToken");
        List<LocalJob.View> all = jobs.list(account, statuses);
        // The token is cut to the list first: one near the int limit plus a page must not wrap round
        // to a negative end, which used to send the client back to the first page for ever.
        int size = all.size();
        int start = (int) Math.min(from, size);
        int end = (int) Math.min(size, start + Math.max(1, Math.min(max, MAX_RESULTS)));
        answer(response, 200, JobXml.listed(all.subList(start, end), end < size ? Integer.toString(end) : null));
    }

    private static String requireAccount(String account) {
        if (account == null || !account.matches("\\d{12}")) {
            throw JobApiException.invalid("x-amz-account-id must be a 12-digit account id, got '" + account + "'");
        }
        return account;
    }

    /** A non-negative number; one past what a long holds is as good as the largest. */
    private static long number(String value, long otherwise, String name) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        if (!value.matches("\\d{1,1000}")) {
            throw JobApiException.invalid(name + " must be a number, got " + value);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    private static void answer(HttpServletResponse response, int status, byte[] xml) throws IOException {
        response.setStatus(status);
        response.setContentType("application/xml");
        response.setContentLength(xml.length);
        response.getOutputStream().write(xml);
    }
}
