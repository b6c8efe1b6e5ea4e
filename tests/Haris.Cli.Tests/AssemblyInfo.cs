using Xunit.Sdk;
using Xunit.v3;

// System.CommandLine symbols are static fields shared by every command tree the tests build; building trees from
// several threads at once would race on their parent lists.
[assembly: Parallelization(Mode = ParallelMode.None)]
