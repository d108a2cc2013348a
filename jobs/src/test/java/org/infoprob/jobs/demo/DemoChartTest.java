package org.infoprob.jobs.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The demo's HTML chart and its SVG plots: well-formed, every section, every series. */
class DemoChartTest {

    private static ChartData data() {
        List<ChartData.SigmoidPoint> points = List.of(
                new ChartData.SigmoidPoint(-2.0, 0.11920292202211755, false),
                new ChartData.SigmoidPoint(0.0, 0.5, true),
                new ChartData.SigmoidPoint(3.0, 0.9525741268224334, true));
        List<ChartData.Bin> sigmoidBins = List.of(new ChartData.Bin(-1.5, 0.2, 40), new ChartData.Bin(0.5, 0.6, 50));
        List<ChartData.Bin> softmaxBins = List.of(new ChartData.Bin(0.45, 0.44, 100), new ChartData.Bin(0.95, 0.96, 300));
        List<ChartData.KeyFrequencies> frequencies = List.of(
                new ChartData.KeyFrequencies("user-<1>&", 0.9, List.of(
                        new ChartData.ClassBar("page_view", 400, 1.5, false),
                        new ChartData.ClassBar("account_locked", 30, 4.0, true),
                        new ChartData.ClassBar("logout", 3, Double.NaN, false))),
                new ChartData.KeyFrequencies("user-2", 1.05, List.of(new ChartData.ClassBar("click", 10, 2.0, false))));
        List<ChartData.TimePoint> rarity = List.of(
                new ChartData.TimePoint(1.0, 2.0, false), new ChartData.TimePoint(3.5, 9.0, true), new ChartData.TimePoint(4.0, 3.0, true));
        List<ChartData.Band> bursts = List.of(new ChartData.Band(3.0, 4.5, "user-1: account_locked"));
        List<ChartData.Series> throughput = List.of(
                new ChartData.Series("softmax", new double[] {2, 4, 10}, new double[] {0, 600, 500}),
                new ChartData.Series("surprisal", new double[] {2, 4, 10}, new double[] {0, 800, 700}));
        return new ChartData(
                "infoprob demo", "a test & more",
                List.of(new ChartData.SummaryRow("probabilities", 1234, "softmax: one per valid record")),
                points, sigmoidBins, softmaxBins, frequencies, rarity, bursts, throughput);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList select(Document doc, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    }

    @Test
    void pageIsWellFormedXmlWithEverySection() throws Exception {
        Document doc = parse(DemoChart.html(data()));

        List<String> ids = new ArrayList<>();
        NodeList sections = select(doc, "//section");
        for (int i = 0; i < sections.getLength(); i++) {
            ids.add(((Element) sections.item(i)).getAttribute("id"));
        }
        assertThat(ids).as("section ids, in order").containsExactly("summary", "sigmoid", "softmax", "frequencies", "rarity", "throughput");
        assertThat(select(doc, "//script").getLength()).as("scripts in a self-contained static page").isZero();
        assertThat(select(doc, "//*[@src or @href]").getLength()).as("elements loading anything").isZero();
    }

    @Test
    void everySeriesIsDrawn() throws Exception {
        Document doc = parse(DemoChart.html(data()));

        assertThat(select(doc, "//svg[@id='sigmoid-plot']//circle[@class='out']").getLength())
                .as("job outputs on the sigmoid plot").isEqualTo(3);
        assertThat(select(doc, "//svg[@id='sigmoid-plot']//circle[@class='pos']").getLength()).as("positive rug marks").isEqualTo(2);
        assertThat(select(doc, "//svg[@id='sigmoid-plot']//circle[@class='neg']").getLength()).as("negative rug marks").isEqualTo(1);
        assertThat(select(doc, "//svg[@id='sigmoid-plot']//polyline[@class='curve']").getLength()).as("sigmoid curve").isEqualTo(1);
        assertThat(select(doc, "//svg[@id='sigmoid-plot']//circle[@class='bin']").getLength()).as("sigmoid bins").isEqualTo(2);
        assertThat(select(doc, "//svg[@id='softmax-plot']//circle[@class='bin']/title").item(1).getTextContent())
                .as("tooltip of the second softmax bin")
                .isEqualTo("top probability around 0.95: 300 records, top class true in 96.0%");
        assertThat(select(doc, "//section[@id='frequencies']//svg").getLength()).as("one plot per user").isEqualTo(2);
        assertThat(select(doc, "//svg[@id='frequencies-user-<1>&']").getLength()).as("the first user's plot").isEqualTo(1);
        assertThat(select(doc, "(//section[@id='frequencies']//svg)[1]//rect[@class='bar' or @class='bar rare']").getLength())
                .as("bars of the first user").isEqualTo(3);
        assertThat(select(doc, "(//section[@id='frequencies']//svg)[1]//rect[@class='bar rare']/title").item(0).getTextContent())
                .as("the rare class's bar").isEqualTo("account_locked: 30 events, 4.00 bits");
        assertThat(select(doc, "//svg[@id='rarity-plot']//circle[@class='burst-event']").getLength()).as("burst events").isEqualTo(2);
        assertThat(select(doc, "//svg[@id='rarity-plot']//circle[@class='event']").getLength()).as("other events").isEqualTo(1);
        assertThat(select(doc, "//svg[@id='rarity-plot']//rect[@class='burst']/title").item(0).getTextContent())
                .as("burst band").isEqualTo("user-1: account_locked");
        assertThat(select(doc, "//svg[@id='throughput-plot']//polyline").getLength()).as("throughput lines").isEqualTo(2);
    }

    @Test
    void pointsArePlacedWhereTheAxesSay() throws Exception {
        Document doc = parse(DemoChart.html(data()));
        String points = ((Element) select(doc, "//svg[@id='throughput-plot']//polyline[@class='s0']").item(0)).getAttribute("points");

        // Plot area by hand: 1160 px wide, 58 px left margin, 16 px right, so 1086 px for
        // x in [0, 10] s; 300 px high, 14 px top, 44 px bottom, so 242 px for y in [0, 880]
        // (the largest rate 800 plus 10%). (2, 0) -> x = 58 + 0.2 * 1086 = 275.2, y = 14 + 242 = 256.0;
        // (4, 600) -> x = 58 + 0.4 * 1086 = 492.4, y = 14 + (1 - 600/880) * 242 = 91.0;
        // (10, 500) -> x = 1144.0, y = 14 + (1 - 500/880) * 242 = 118.5 (118.545… rounded).
        assertThat(points).as("softmax throughput polyline").isEqualTo("275.2,256.0 492.4,91.0 1144.0,118.5");
    }

    @Test
    void textIsEscaped() throws Exception {
        String html = DemoChart.html(data());

        assertThat(html).as("page").contains("user-&lt;1&gt;&amp;").contains("a test &amp; more").doesNotContain("user-<1>");
        assertThat(parse(html).getElementsByTagName("figcaption").item(0).getTextContent())
                .as("first caption, unescaped by the parser").isEqualTo("user-<1>& (Zipf exponent 0.90)");
    }

    @Test
    void writeCreatesTheDirectoryAndTheFile(@TempDir Path dir) throws Exception {
        Path file = DemoChart.write(data(), dir.resolve("out/demo"));

        assertThat(file).as("chart file").isEqualTo(dir.resolve("out/demo/" + DemoChart.FILE_NAME)).isRegularFile();
        assertThat(Files.readString(file)).as("chart file content").isEqualTo(DemoChart.html(data()));
    }

    @Test
    void scalesGiveRoundTicks() {
        assertThat(SvgPlot.Scale.linear(0, 1).ticks()).as("ticks of [0, 1]").containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(SvgPlot.Scale.linear(0, 880).ticks()).as("ticks of [0, 880]").containsExactly(0.0, 200.0, 400.0, 600.0, 800.0);
        assertThat(SvgPlot.Scale.log(1, 1000).ticks()).as("ticks of log [1, 1000]").containsExactly(1.0, 10.0, 100.0, 1000.0);
        assertThat(SvgPlot.Scale.log(1, 1000).fraction(10)).as("position of 10 on log [1, 1000]").isCloseTo(1.0 / 3, within(1e-15));
        assertThat(SvgPlot.Scale.log(1, 10_000).label(10_000)).as("label of 10,000").isEqualTo("10k");
        assertThatThrownBy(() -> SvgPlot.Scale.log(0, 10)).as("log scale from 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min > 0, was 0.0..10.0");
    }
}
