// RTNeural peer of the StaticNets recurrent benchmarks: RTNeural's compile-time API
// (RTNeural::ModelT<float, 1, 1, LSTMLayerT<float, 1, U> | GRULayerT<float, 1, U>, DenseT<float, U, 1>>), one
// backend per build (RTNEURAL_USE_EIGEN, RTNEURAL_USE_XSIMD, or neither = STL; see build.sh), on the weights and the
// signal of the cases that StaticNets.Benchmarks writes (Keras layouts; see Recurrent/RecurrentCase.cs).
//
//   rtneural_bench_<backend> check CASEDIR OUTDIR     stream each case's signal from a reset state, write
//                                                    OUTDIR/<case>.rtneural-<backend>.out.txt (one output per step)
//   rtneural_bench_<backend> time CASEDIR [--runs N] [--clock cpu|wall]
//                                                    ns per forward() (one streamed step), median and minimum of N
//                                                    runs of ~20 ms each, after a warm-up; one line per case
//   rtneural_bench_<backend> serve CASEDIR [--clock cpu|wall]
//                                                    answer "MEASURE REPS" lines (MEASURE = <case>.step) with the
//                                                    nanoseconds REPS steps took, for StaticNets.Benchmarks'
//                                                    interleaved rounds; prints "ready" first, "quit" ends
//
// Weights: Keras get_weights() order, which is what RTNeural's setters take: LSTMLayerT::setWVals(kernel (in, 4u)),
// setUVals(recurrent kernel (u, 4u)), setBVals(bias (4u)), gates i, f, c, o; GRULayerT::setWVals((in, 3u)),
// setUVals((u, 3u)), setBVals((2, 3u)), gates z, r, h, with Keras's reset_after=True formula (the reset gate
// multiplies h·U_h + b_rec_h). DenseT::setWeights takes (out, in): the transpose of Keras's (in, out) kernel.
#include <RTNeural/RTNeural.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#if RTNEURAL_USE_EIGEN
static const char* const Backend = "eigen";
#elif RTNEURAL_USE_XSIMD
static const char* const Backend = "xsimd";
#else
static const char* const Backend = "stl";
#endif

namespace
{
struct Tensor
{
    std::vector<int> dims;
    std::vector<float> values;
};

struct Case
{
    std::map<std::string, std::string> keys;
    std::map<std::string, Tensor> tensors;

    std::string name() const { return keys.at("name"); }
    std::string cell() const { return keys.at("cell"); }
    int get(const std::string& key) const { return std::stoi(keys.at(key)); }
    const Tensor& tensor(const std::string& key) const
    {
        auto found = tensors.find(key);
        if(found == tensors.end())
            throw std::runtime_error("case " + name() + " has no tensor " + key);
        return found->second;
    }

    // Rows of a 2-D tensor as RTNeural's setters want them.
    std::vector<std::vector<float>> rows(const std::string& key) const
    {
        const Tensor& t = tensor(key);
        if(t.dims.size() != 2)
            throw std::runtime_error(key + " is not 2-D");
        std::vector<std::vector<float>> out(t.dims[0], std::vector<float>(t.dims[1]));
        for(int i = 0; i < t.dims[0]; ++i)
            for(int j = 0; j < t.dims[1]; ++j)
                out[i][j] = t.values[(size_t)i * t.dims[1] + j];
        return out;
    }
};

Case readCase(const std::string& path)
{
    std::ifstream file(path);
    if(!file)
        throw std::runtime_error("cannot read " + path);
    Case c;
    std::string line;
    while(std::getline(file, line))
    {
        if(line.empty() || line[0] == '#')
            continue;
        std::istringstream in(line);
        std::string key;
        in >> key;
        if(key == "tensor")
        {
            std::string name;
            int rank;
            in >> name >> rank;
            Tensor t;
            size_t count = 1;
            for(int d = 0; d < rank; ++d)
            {
                int dim;
                in >> dim;
                t.dims.push_back(dim);
                count *= (size_t)dim;
            }
            t.values.reserve(count);
            std::string field;
            while(in >> field)
                t.values.push_back(std::strtof(field.c_str(), nullptr));
            if(t.values.size() != count)
                throw std::runtime_error(path + ": tensor " + name + " has " + std::to_string(t.values.size()) + " values, expected " + std::to_string(count));
            c.tensors[name] = std::move(t);
        }
        else
        {
            std::string value;
            in >> value;
            c.keys[key] = value;
        }
    }
    return c;
}

bool useCpuClock = true;

// What the backend compiled to: Eigen's SIMD instruction sets, or xsimd's architecture.
std::string backendInfo()
{
#if RTNEURAL_USE_EIGEN
    return std::string("Eigen ") + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." + std::to_string(EIGEN_MINOR_VERSION)
        + ", " + Eigen::SimdInstructionSetsInUse();
#elif RTNEURAL_USE_XSIMD
    return std::string("xsimd ") + std::to_string(XSIMD_VERSION_MAJOR) + "." + std::to_string(XSIMD_VERSION_MINOR) + ", arch "
        + xsimd::default_arch::name() + ", " + std::to_string(xsimd::batch<float>::size) + " floats per batch";
#else
    return "STL (std::exp, std::tanh, std::inner_product)";
#endif
}

long long nowNs()
{
    timespec t {};
    clock_gettime(useCpuClock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

// One streamed model behind a uniform face: reset, one step, the whole signal.
struct Runner
{
    virtual ~Runner() = default;
    virtual void reset() = 0;
    virtual float step(float x) = 0;
    std::vector<float> signal;
    size_t position = 0;
    float sink = 0;

    // reps streamed steps through the signal, cycling; returns elapsed ns.
    long long run(long long reps)
    {
        const float* x = signal.data();
        const size_t n = signal.size();
        size_t t = position;
        float acc = 0;
        long long start = nowNs();
        for(long long r = 0; r < reps; ++r)
        {
            acc += step(x[t]);
            if(++t == n)
                t = 0;
        }
        long long elapsed = nowNs() - start;
        position = t;
        sink += acc;
        return elapsed;
    }
};

template <typename Model>
struct ModelRunner final : Runner
{
    // ModelT holds its weights inline (and aligned): on the heap, not the stack.
    std::unique_ptr<Model> model = std::make_unique<Model>();
    void reset() override { model->reset(); }
    float step(float x) override
    {
        alignas(RTNEURAL_DEFAULT_ALIGNMENT) float in[1] = { x };
        return model->forward(in);
    }
};

template <typename Model>
void loadDense(Model& model, const Case& c)
{
    // Keras (in, out) → RTNeural (out, in).
    auto kernel = c.rows("dense_kernel");
    std::vector<std::vector<float>> transposed(kernel[0].size(), std::vector<float>(kernel.size()));
    for(size_t i = 0; i < kernel.size(); ++i)
        for(size_t j = 0; j < kernel[0].size(); ++j)
            transposed[j][i] = kernel[i][j];
    auto& dense = model.template get<1>();
    dense.setWeights(transposed);
    dense.setBias(c.tensor("dense_bias").values.data());
}

template <int Units>
std::unique_ptr<Runner> makeLstm(const Case& c)
{
    using Model = RTNeural::ModelT<float, 1, 1, RTNeural::LSTMLayerT<float, 1, Units>, RTNeural::DenseT<float, Units, 1>>;
    auto runner = std::make_unique<ModelRunner<Model>>();
    auto& lstm = runner->model->template get<0>();
    lstm.setWVals(c.rows("kernel"));
    lstm.setUVals(c.rows("recurrent_kernel"));
    lstm.setBVals(c.tensor("bias").values);
    loadDense(*runner->model, c);
    return runner;
}

template <int Units>
std::unique_ptr<Runner> makeGru(const Case& c)
{
    using Model = RTNeural::ModelT<float, 1, 1, RTNeural::GRULayerT<float, 1, Units>, RTNeural::DenseT<float, Units, 1>>;
    auto runner = std::make_unique<ModelRunner<Model>>();
    auto& gru = runner->model->template get<0>();
    gru.setWVals(c.rows("kernel"));
    gru.setUVals(c.rows("recurrent_kernel"));
    gru.setBVals(c.rows("bias"));
    loadDense(*runner->model, c);
    return runner;
}

// The compile-time API needs the sizes as constants: the cases this program knows.
std::unique_ptr<Runner> makeRunner(const Case& c)
{
    if(c.get("streams") != 1 || c.get("features") != 1 || c.get("outputs") != 1)
        return nullptr; // not a one-feature streamed model
    std::unique_ptr<Runner> runner;
    int units = c.get("units");
    if(c.cell() == "lstm" && units == 16)
        runner = makeLstm<16>(c);
    else if(c.cell() == "lstm" && units == 32)
        runner = makeLstm<32>(c);
    else if(c.cell() == "gru" && units == 32)
        runner = makeGru<32>(c);
    else if(c.cell() == "gru" && units == 16)
        runner = makeGru<16>(c);
    else
        return nullptr;
    runner->signal = c.tensor("input").values;
    runner->reset();
    return runner;
}

std::vector<std::pair<std::string, std::unique_ptr<Runner>>> loadCases(const std::string& dir)
{
    std::vector<std::pair<std::string, std::unique_ptr<Runner>>> runners;
    for(const char* name : { "lstm16", "lstm32", "gru32" })
    {
        std::string path = dir + "/" + name + ".case.txt";
        if(!std::ifstream(path))
            continue;
        Case c = readCase(path);
        auto runner = makeRunner(c);
        if(runner)
            runners.emplace_back(c.name(), std::move(runner));
    }
    if(runners.empty())
        throw std::runtime_error("no streaming case (lstm16/lstm32/gru32.case.txt) in " + dir);
    return runners;
}

long long calibrate(Runner& runner, double sliceMs)
{
    long long reps = 1;
    while(true)
    {
        double ms = runner.run(reps) / 1e6;
        if(ms >= sliceMs / 4 || reps >= (1LL << 30))
            return std::max(1LL, (long long)(reps * sliceMs / std::max(ms, 1e-3)));
        reps *= 2;
    }
}

int check(const std::string& caseDir, const std::string& outDir)
{
    std::printf("RTNeural %s backend: %s\n", Backend, backendInfo().c_str());
    for(auto& [name, runner] : loadCases(caseDir))
    {
        runner->reset();
        std::string path = outDir + "/" + name + ".rtneural-" + Backend + ".out.txt";
        FILE* out = std::fopen(path.c_str(), "w");
        if(!out)
            throw std::runtime_error("cannot write " + path);
        std::fprintf(out, "# RTNeural %s backend (%s), %s, one output per streamed step from a reset state\n", Backend, backendInfo().c_str(), name.c_str());
        for(float x : runner->signal)
            std::fprintf(out, "%.9g\n", runner->step(x));
        std::fclose(out);
        std::printf("wrote %s\n", path.c_str());
    }
    return 0;
}

int timeCases(const std::string& caseDir, int runs)
{
    std::printf("RTNeural %s backend: %s; %s clock\n", Backend, backendInfo().c_str(), useCpuClock ? "thread CPU time" : "wall");
    std::printf("| model | RTNeural %s, ns/step median | min | runs |\n|---|---:|---:|---:|\n", Backend);
    for(auto& [name, runner] : loadCases(caseDir))
    {
        runner->reset();
        runner->run(2000000); // warm-up
        long long reps = calibrate(*runner, 20);
        std::vector<double> ns;
        for(int r = 0; r < runs; ++r)
            ns.push_back((double)runner->run(reps) / (double)reps);
        std::sort(ns.begin(), ns.end());
        double median = runs % 2 ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2;
        std::printf("| %s | %.1f | %.1f | %d |\n", name.c_str(), median, ns[0], runs);
        std::fflush(stdout);
    }
    return 0;
}

int serve(const std::string& caseDir)
{
    std::map<std::string, std::unique_ptr<Runner>> byMeasure;
    for(auto& [name, runner] : loadCases(caseDir))
        byMeasure[name + ".step"] = std::move(runner);
    std::cout << "ready" << std::endl;
    std::string line;
    while(std::getline(std::cin, line))
    {
        std::istringstream in(line);
        std::string measure;
        long long reps = 0;
        in >> measure >> reps;
        if(measure.empty() || measure == "quit")
            break;
        auto found = byMeasure.find(measure);
        if(found == byMeasure.end())
        {
            std::cout << "error unknown measure " << measure << std::endl;
            continue;
        }
        std::cout << found->second->run(reps) << std::endl;
    }
    return 0;
}
} // namespace

int main(int argc, char** argv)
{
    if(argc < 3)
    {
        std::fprintf(stderr, "usage: %s check CASEDIR OUTDIR | time CASEDIR [--runs N] [--clock cpu|wall] | serve CASEDIR [--clock cpu|wall]\n", argv[0]);
        return 2;
    }
    std::string mode = argv[1];
    int runs = 15;
    for(int i = 3; i < argc; ++i)
    {
        if(!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else if(!std::strcmp(argv[i], "--clock") && i + 1 < argc)
            useCpuClock = std::strcmp(argv[++i], "wall") != 0;
    }
    try
    {
        if(mode == "check" && argc >= 4)
            return check(argv[2], argv[3]);
        if(mode == "time")
            return timeCases(argv[2], std::max(1, runs));
        if(mode == "serve")
            return serve(argv[2]);
    }
    catch(const std::exception& e)
    {
        std::fprintf(stderr, "rtneural_bench (%s): %s\n", Backend, e.what());
        return 1;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
