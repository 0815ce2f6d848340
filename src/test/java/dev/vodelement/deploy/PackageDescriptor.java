package dev.vodelement.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What one maven-assembly-plugin execution of pom.xml produces: the file name it writes under
 * target/ and the files its descriptor puts at the package root, with their modes. Read from the
 * build files themselves, so that serverless.yml and the tests cannot drift from the build.
 */
record PackageDescriptor(String fileName, List<RootFile> rootFiles) {

    record RootFile(String name, String source, int mode) {
        boolean executable() {
            return (mode & 0100) != 0;
        }
    }

    boolean hasExecutableAtRoot(String name) {
        return rootFiles.stream().anyMatch(f -> f.name().equals(name) && f.executable());
    }

    static PackageDescriptor ofExecution(String executionId) throws Exception {
        Document pom = parse(Path.of("pom.xml"));
        Element execution = null;
        NodeList executions = pom.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element candidate = (Element) executions.item(i);
            if (executionId.equals(childText(candidate, "id"))) {
                execution = candidate;
            }
        }
        if (execution == null) {
            throw new IllegalStateException("pom.xml has no execution " + executionId);
        }
        Element plugin = (Element) execution.getParentNode().getParentNode();
        if (!"maven-assembly-plugin".equals(childText(plugin, "artifactId"))) {
            throw new IllegalStateException(executionId + " is not an assembly execution");
        }
        Element configuration = child(execution, "configuration");
        String finalName = childText(configuration, "finalName");
        String descriptorPath = ((Element) configuration.getElementsByTagName("descriptor").item(0)).getTextContent()
                .trim();

        Document descriptor = parse(Path.of(descriptorPath));
        String format = descriptor.getElementsByTagName("format").item(0).getTextContent().trim();
        List<RootFile> rootFiles = new ArrayList<>();
        NodeList files = descriptor.getElementsByTagName("file");
        for (int i = 0; i < files.getLength(); i++) {
            Element file = (Element) files.item(i);
            String outputDirectory = childText(file, "outputDirectory");
            if (outputDirectory != null && !outputDirectory.equals("/") && !outputDirectory.isEmpty()) {
                continue;
            }
            String source = childText(file, "source");
            String destName = childText(file, "destName");
            String name = destName != null ? destName : source.substring(source.lastIndexOf('/') + 1);
            String mode = childText(file, "fileMode");
            rootFiles.add(new RootFile(name, source, mode == null ? 0644 : Integer.parseInt(mode, 8)));
        }
        return new PackageDescriptor(finalName + "." + format, rootFiles);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }
}
