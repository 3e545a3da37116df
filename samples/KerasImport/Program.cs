// A Keras 2.1.3 model file becomes a compiled StaticNets class.
//
// CnnBatchNorm.cs beside this file is what the tool wrote for the model file, with
//     dotnet run --project src/StaticNets.Tool -- import samples/KerasImport/Model/cnn_batch_norm.h5 \
//         --class CnnBatchNorm --namespace KerasImport --out samples/KerasImport
// (it also wrote CnnBatchNorm.weights; this sample loads the weights straight from the .h5 instead).
// Run: dotnet run --project samples/KerasImport
using System.Globalization;
using System.Text.Json;
using KerasImport;
using StaticNets;
using StaticNets.Keras;

string folder = Path.Combine(AppContext.BaseDirectory, "Model");
string file = Path.Combine(folder, "cnn_batch_norm.h5");

// 1. What the file declares, read without Python.
KerasModel keras = KerasFile.Read(file);
Console.WriteLine($"{keras.Source}: Keras {keras.KerasVersion}, model '{keras.ModelName}', input {Shape(keras.InputShape)}");
Console.WriteLine($"{"Keras layer",-24}{"class",-20}{"output",-14}{"params",8}");
foreach (KerasLayer layer in keras.Layers)
{
    Console.WriteLine($"{layer.Name,-24}{layer.KerasClass,-20}{Shape(layer.OutputShape),-14}{layer.ParameterCount,8}");
}

Console.WriteLine($"{"total",-58}{keras.ParameterCount,8}");
Console.WriteLine();

// 2. The compiled class, with the file's weights.
var model = new CnnBatchNorm();
model.LoadKerasWeights(file);
Console.WriteLine(model.Summary());

// 3. Its predictions next to the ones Keras 2.1.3 made for the same inputs.
using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected_keras.json")));
float[] inputs = Floats(expected.RootElement.GetProperty("inputs").GetProperty("conv2d_1_input").GetProperty("data"));
float[] kerasOutputs = Floats(expected.RootElement.GetProperty("outputs").GetProperty("dense_1").GetProperty("data"));
var outputs = new float[kerasOutputs.Length];
model.PredictBatch(inputs, outputs);
Console.WriteLine($"{"sample",-8}{"Keras 2.1.3",14}{"StaticNets",14}{"|difference|",14}");
for (int i = 0; i < outputs.Length; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i,-8}{kerasOutputs[i],14:F7}{outputs[i],14:F7}{Math.Abs(kerasOutputs[i] - outputs[i]),14:E1}"));
}

Console.WriteLine();

// 4. The C# the tool writes for this file.
Console.WriteLine("Generated C# (staticnets import):");
Console.WriteLine(CSharpSource.Write(keras, "CnnBatchNorm", "KerasImport"));

static string Shape(IReadOnlyList<int> shape) => "(" + string.Join(", ", shape) + (shape.Count == 1 ? ",)" : ")");

static float[] Floats(JsonElement data) => data.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
