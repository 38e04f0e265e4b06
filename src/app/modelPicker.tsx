// The top bar's model picker with the one QueryClient it reads providers through: its own chunk, so TanStack
// Query and the provider list load beside the first section instead of before it.
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { ModelPicker } from '../features/settings/ModelPicker';

export default function ModelPickerRoot() {
  return <QueryClientProvider client={queryClient}><ModelPicker /></QueryClientProvider>;
}
