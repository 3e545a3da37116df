using System;
using System.IO;

namespace StaticNets.Tests.Weights;

/// <summary>Bad arguments (as opposed to bad files) fail with argument exceptions before any I/O.</summary>
public class WeightsArgumentTests
{
    private const string Architecture = "Input[2]>Dense[1,Linear,bias]";

    [Fact]
    public void NullArguments_ThrowArgumentNullException()
    {
        var network = new FakeNetwork(Architecture, [1f, 2f, 3f]);
        var stream = new MemoryStream();

        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => WeightsFile.SaveWeights(null!, "x.weights")).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => WeightsFile.SaveWeights(null!, stream)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => WeightsFile.LoadWeights(null!, "x.weights")).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => WeightsFile.LoadWeights(null!, stream)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => network.SaveWeights((string)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => network.SaveWeights((Stream)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => network.LoadWeights((string)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => network.LoadWeights((Stream)null!)).ParamName);
    }

    [Fact]
    public void WrongWayStreams_ThrowArgumentException()
    {
        var network = new FakeNetwork(Architecture, [1f, 2f, 3f]);
        var readOnly = new MemoryStream(new byte[100], writable: false);
        var writeOnly = new FailingStream(capacity: 1000);

        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => network.SaveWeights(readOnly)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => network.LoadWeights(writeOnly)).ParamName);
        Assert.Equal(0, writeOnly.Accepted.Length);
    }

    [Fact]
    public void InconsistentNetwork_IsRefusedBeforeAnyIo()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.weights");
        var good = new FakeNetwork(Architecture, [1f, 2f, 3f]);
        good.SaveWeights(path);
        byte[] saved = File.ReadAllBytes(path);
        var liar = new FakeNetwork(Architecture, [7f, 8f, 9f]) { ReportedParameterCount = 4 };

        var onSave = Assert.Throws<ArgumentException>(() => liar.SaveWeights(path));
        var onLoad = Assert.Throws<ArgumentException>(() => liar.LoadWeights(path));

        Assert.Contains("ParameterCount 4", onSave.Message);
        Assert.Contains("3 values", onLoad.Message);
        Assert.Equal(saved, File.ReadAllBytes(path));
        Assert.Equal([7f, 8f, 9f], liar.Values);
        Assert.Equal(["model.weights"], folder.Entries());
    }

    [Fact]
    public void ArchitectureWithLoneSurrogate_CannotBeSaved()
    {
        var network = new FakeNetwork("Input[2]\ud800", [1f]);
        var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(() => network.SaveWeights(stream));
        Assert.Equal(0, stream.Length);
    }
}
