package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.dataformat.xml.JacksonXmlAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * S3 Control's REST-XML through jackson-dataformat-xml: every element in S3 Control's namespace
 * ({@code http://awss3control.amazonaws.com/doc/2018-08-20/}, declared once on the root) unless
 * its record is {@link NoNamespace}; lists as {@code <member>} elements, as S3 Control's model
 * names them; absent values left out. Unknown request elements are ignored, as S3 ignores what it
 * does not use. (jackson-dataformat-xml brings jackson-databind 2.x into the CLI jar; Micronaut
 * itself serialises with its own serde.)
 */
final class S3ControlXml {

    static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    /** A document outside S3 Control's namespace (its error document). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface NoNamespace {
    }

    /** A list of S3 Control's model: {@code <Name><member>...</member>...</Name>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Members<T>(@JsonProperty("member") @JacksonXmlElementWrapper(useWrapping = false)
                      @JacksonXmlProperty(localName = "member") List<T> member) {

        static <T> Members<T> of(List<T> values) {
            return new Members<>(values);
        }

        List<T> values() {
            return member == null ? List.of() : member;
        }
    }

    static final XmlMapper MAPPER = XmlMapper.builder(new XmlFactory())
            .annotationIntrospector(new DefaultNamespace())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private S3ControlXml() {
    }

    /** S3 Control's namespace on every element whose record does not say {@link NoNamespace}. */
    private static final class DefaultNamespace extends JacksonXmlAnnotationIntrospector {
        @Override
        public String findNamespace(MapperConfig<?> config, Annotated annotated) {
            // @JsonProperty and @JacksonXmlProperty answer "" when they name no namespace
            String given = super.findNamespace(config, annotated);
            if (given != null && !given.isEmpty()) {
                return given;
            }
            Class<?> owner = annotated instanceof AnnotatedMember member ? member.getDeclaringClass()
                    : annotated.getRawType();
            return owner.isAnnotationPresent(NoNamespace.class) ? null : NAMESPACE;
        }
    }
}
