namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A built-in OF-matched driver on a bus the model does not simulate (binding <c>i2c_driver</c> or <c>spi_driver</c>
/// in of-builtin-match-tables.tsv): recorded so that callers can report such compatibles, but never a platform driver.
/// </summary>
public sealed record SecondaryBusDriver(string Binding, string Symbol, string Name, string SourceFile, IReadOnlyList<string> Compatibles);

/// <summary>
/// One <c>of:</c> alias of a loadable module (of-module-aliases.tsv), the plain and <c>C*</c> forms folded together.
/// NodeName/DeviceType are null for <c>*</c> (any); a non-null DeviceType means the of_device_id entry also requires
/// that <c>device_type</c> (ipmi_si's <c>Tipmi</c>), which <see cref="DriverSpec"/> cannot express.
/// </summary>
public sealed record ModuleOfAlias(string Compatible, string Module, string? NodeName, string? DeviceType, string ModulePath);
