// errno magnitudes have one definition (Drivers/Errno.cs); every file of the model uses them by name
global using static ProbeSim.Kernel.Drivers.Errno;
