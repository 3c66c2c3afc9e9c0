package dev.trajforge.exporter.report;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders {@code report.ftlh} with FreeMarker, HTML auto-escaping on (every value a template prints is escaped unless it is
 * marked as markup; only the page's own style sheet and scripts and the chart data, made safe for a script element by
 * {@link JsonText#forScript}, are). The style sheet, the page script and Chart.js (its UMD bundle from the
 * {@code org.webjars.npm:chart.js} jar) are read from the class path and put inline, so the page needs nothing but itself.
 */
final class Templates {
    /** The Chart.js webjar on the class path says its version in its Maven metadata; the bundle lives under that version. */
    static final String CHART_JS_VERSION = chartJsVersion();
    private static final String BASE = "dev/trajforge/exporter/report/";
    private static final Configuration FREEMARKER = configuration();
    private static final String STYLE = resource(BASE + "report.css");
    private static final String SCRIPT = resource(BASE + "report.js");
    private static final String CHARTS = withoutSourceMap(resource("META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.js"));

    private Templates() {
    }

    static byte[] render(Map<String, Object> model) {
        Map<String, Object> all = new java.util.HashMap<>(model);
        all.put("style", STYLE);
        all.put("script", SCRIPT);
        all.put("chartJs", CHARTS);
        all.put("chartJsVersion", CHART_JS_VERSION);
        try {
            Template template = FREEMARKER.getTemplate("report.ftlh");
            StringWriter out = new StringWriter(1 << 20);
            template.process(all, out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("cannot render report.html: " + e.getMessage(), e);
        }
    }

    private static Configuration configuration() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), BASE);
        config.setDefaultEncoding("UTF-8");
        config.setOutputFormat(HTMLOutputFormat.INSTANCE);
        config.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        config.setRecognizeStandardFileExtensions(true); // .ftlh: HTML auto-escaping whatever else is set
        config.setLocale(Locale.ROOT);
        config.setTimeZone(TimeZone.getTimeZone("UTC"));
        config.setNumberFormat("computer");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        return config;
    }

    private static String resource(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static String chartJsVersion() {
        java.util.Properties pom = new java.util.Properties();
        try (var reader = new java.io.StringReader(resource("META-INF/maven/org.webjars.npm/chart.js/pom.properties"))) {
            pom.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Chart.js webjar's version", e);
        }
        return pom.getProperty("version");
    }

    /** The bundle's last line points at a source map the page does not have: dropped, so nothing asks for it. */
    private static String withoutSourceMap(String js) {
        return js.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
    }
}
