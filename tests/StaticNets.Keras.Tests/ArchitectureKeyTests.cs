namespace StaticNets.Keras.Tests;

/// <summary>
/// The importer's architecture key (what LoadKerasWeights and the tool's weights files are checked by) against the
/// generator's own <c>INetwork.Architecture</c>, for attributes exactly as the importer writes them. The fixtures'
/// classes are compared in ImportedPredictionTests; these cover the layers and options no fixture has.
/// </summary>
public sealed class ArchitectureKeyTests
{
    public static TheoryData<string, string> Rows() => new()
    {
        { nameof(KeyConv2D), "Input[6,6,1]>Conv2D[2,3x2,s2x1,Same,Silu,bias]" },
        { nameof(KeyTransposed), "Input[4,4,1]>Conv2DTranspose[2,3x2,s2x1,Valid,Relu,bias]>Normalization" },
        { nameof(KeyConv1D), "Input[6,3]>Conv1D[2,1x3,s1,d2,Causal,Relu,bias]" },
        { nameof(KeyPooling), "Input[6,2]>AveragePooling1D[1x3,s1,Same]>GlobalAveragePooling1D" },
        { nameof(KeyNormalisation), "Input[2,2,3]>BatchNormalization[0.9,0.001]>LayerNormalization[1E-06]>Rescaling[0.00392156862745098,-1]" },
        { nameof(KeyBorders), "Input[4,2,1]>ZeroPadding2D[t1,b0,l2,r3]>Cropping2D[t1,b1,l1,r1]>MaxPooling2D[2x2,s2,Valid]" },
        { nameof(KeyReshape), "Input[6]>Reshape[3,2]>UpSampling1D[3]>Flatten>Dropout[0.25]>Activation[Relu6]" },
        { nameof(KeySequence), "Input[5]>Embedding[10x4,mask0]>SimpleRNN[3,Relu,bias,seq,back]>GRU[3,Tanh,HardSigmoid,resetbefore,nobias]" },
        { nameof(KeyBidirectional), "Input[5,2]>Bidirectional[Ave,GRU[2,Tanh,Sigmoid,resetafter,bias]]>Dense[3,Gelu,nobias]" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_generator_reports_the_key_the_importer_computes(string className, string key)
    {
        INetwork network = className switch
        {
            nameof(KeyConv2D) => new KeyConv2D(),
            nameof(KeyTransposed) => new KeyTransposed(),
            nameof(KeyConv1D) => new KeyConv1D(),
            nameof(KeyPooling) => new KeyPooling(),
            nameof(KeyNormalisation) => new KeyNormalisation(),
            nameof(KeyBorders) => new KeyBorders(),
            nameof(KeyReshape) => new KeyReshape(),
            nameof(KeySequence) => new KeySequence(),
            _ => new KeyBidirectional(),
        };
        Assert.Equal(network.Architecture, key);
        // ... and the importer reads the same key back into layers for weights-only files.
        (int[] input, List<KerasLayer> layers) = StaticNets.Keras.Reading.ArchitectureParser.Parse(key);
        Assert.Equal(key, "Input[" + string.Join(",", input) + "]>" + string.Join(">", layers.Select(ArchitectureKey.Of)));
    }
}

#pragma warning disable SN1001, SN1002, SN1003, SN1004, SN1005
[Input(6, 6, 1)]
[Conv2D(2, 2, Activation.Silu, KernelHeight = 3, KernelWidth = 2, StridesHeight = 2, StridesWidth = 1, Padding = Padding.Same, Name = "x")]
public partial class KeyConv2D { }

[Input(4, 4, 1)]
[Conv2DTranspose(2, 2, Activation.Relu, KernelHeight = 3, KernelWidth = 2, StridesHeight = 2, StridesWidth = 1, Name = "x")]
[Normalization(Name = "n")]
public partial class KeyTransposed { }

[Input(6, 3)]
[Conv1D(2, 3, Activation.Relu, DilationRate = 2, Padding = Padding.Causal, Name = "x")]
public partial class KeyConv1D { }

[Input(6, 2)]
[AveragePooling1D(3, Strides = 1, Padding = Padding.Same, Name = "x")]
[GlobalAveragePooling1D(Name = "g")]
public partial class KeyPooling { }

[Input(2, 2, 3)]
[BatchNormalization(Momentum = 0.9, Name = "x")]
[LayerNormalization(Epsilon = 1E-06, Name = "y")]
[Rescaling(0.00392156862745098, -1.0, Name = "z")]
public partial class KeyNormalisation { }

[Input(4, 2, 1)]
[ZeroPadding2D(0, Top = 1, Bottom = 0, Left = 2, Right = 3, Name = "x")]
[Cropping2D(1, Name = "y")]
[MaxPooling2D(2, Name = "z")]
public partial class KeyBorders { }

[Input(6)]
[Reshape(3, 2, Name = "x")]
[UpSampling1D(3, Name = "u")]
[Flatten(Name = "f")]
[Dropout(0.25, Name = "d")]
[Activation(Activation.Relu6, Name = "a")]
public partial class KeyReshape { }

[Input(5)]
[Embedding(10, 4, MaskZero = true, Name = "x")]
[SimpleRNN(3, Activation.Relu, ReturnSequences = true, GoBackwards = true, Name = "r")]
[GRU(3, RecurrentActivation = Activation.HardSigmoid, ResetAfter = false, UseBias = false, Name = "g")]
public partial class KeySequence { }

[Input(5, 2)]
[Bidirectional(MergeMode.Ave, Name = "x")]
[GRU(2, Name = "g")]
[Dense(3, Activation.Gelu, UseBias = false, Name = "d")]
public partial class KeyBidirectional { }
